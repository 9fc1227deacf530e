"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { useCredentialVerifications } from "@/components/credential/use-credential-verification";
import { ExpiryCountdown } from "@/components/requests/expiry-countdown";
import {
  fetchPublicRequest,
  postRequestDecline,
  postRequestResponse,
  RequestApiError,
} from "@/components/requests/requests-api";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { PublicRequest } from "@/lib/credentials/policy/schemas";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import {
  buildVpToken,
  matchRequestCredentials,
  type CredentialChoice,
} from "@/lib/wallet/answer-request";
import { credentialStatus, type CredentialStatus } from "@/lib/wallet/credential-status";
import { describeCredential } from "@/lib/wallet/describe-credential";
import { listCredentials, openWallet } from "@/lib/wallet/wallet-store";
import { UnlockForm } from "./unlock-form";
import { useWalletText } from "./wallet-text";

/**
 * A verifier's request, as the doctor sees it: who asks, for what and why; the credentials that
 * fit (the others greyed, with the reason); then share or decline. Sharing signs one presentation
 * with the wallet's key, bound to the request's nonce and audience, and posts it to the verifier;
 * declining posts OpenID4VP's `error=access_denied` there, so the verifier stops waiting.
 *
 * Each credential's live status is checked here with the wallet's own verifier (the same check
 * the cards run), so one the verifier would find revoked, suspended, expired or uncheckable is
 * marked and not pre-selected: the doctor learns it before sharing, not from the verifier.
 */

const walletLink = (
  <Link href="/wallet" className="font-medium underline">
    Go to my wallet
  </Link>
);

const requestErrors: Record<string, string> = {
  NOT_FOUND: "This request link is not valid",
  VALIDATION_FAILED: "This request link is not valid",
  REQUEST_EXPIRED: "This request has expired",
  REQUEST_ANSWERED: "This request has already been answered",
};

function RequestErrorAlert({ error }: { error: Error }) {
  const code = error instanceof RequestApiError ? error.code : undefined;
  return (
    <Alert
      tone="error"
      title={(code && requestErrors[code]) ?? "The request could not be answered"}
      data-testid={testIds.requests.presentError}
    >
      <p>{error.message}</p>
      <p className="mt-2">{walletLink}</p>
    </Alert>
  );
}

export function PresentRequestView({
  requestId,
  ledgerConfig,
}: {
  requestId: string;
  ledgerConfig: PublicLedgerConfig;
}) {
  const request = useQuery({
    queryKey: queryKeys.requests.public(requestId),
    queryFn: () => fetchPublicRequest(requestId),
    retry: (failures, error) => !(error instanceof RequestApiError && error.status) && failures < 2,
  });
  const { t } = useWalletText();
  const vault = useQuery({ queryKey: queryKeys.wallet.vault(), queryFn: openWallet });
  const open = Boolean(vault.data && !vault.data.locked);
  const credentials = useQuery({
    queryKey: queryKeys.wallet.credentials(),
    queryFn: listCredentials,
    enabled: open,
  });

  if (request.isPending) return <Loading text="Loading the request…" />;
  if (request.isError) return <RequestErrorAlert error={request.error} />;
  const r = request.data;
  if (r.state === "expired") {
    return (
      <Alert
        tone="warning"
        title="This request has expired"
        data-testid={testIds.requests.presentError}
      >
        <p>
          {r.verifier.name} asked for credentials, but the request ran out of time. Nothing was
          shared. Ask them for a new request if you still want to answer.
        </p>
        <p className="mt-2">{walletLink}</p>
      </Alert>
    );
  }
  if (r.state === "declined") {
    return (
      <Alert
        tone="info"
        title={t.present.declinedTitle}
        data-testid={testIds.requests.presentError}
      >
        <p>{t.present.declined(r.verifier.name)}</p>
        <p className="mt-2">{walletLink}</p>
      </Alert>
    );
  }
  if (r.state !== "pending") {
    return (
      <Alert
        tone="info"
        title="This request has already been answered"
        data-testid={testIds.requests.presentError}
      >
        <p>A request can be answered only once. Ask {r.verifier.name} for a new one if needed.</p>
        <p className="mt-2">{walletLink}</p>
      </Alert>
    );
  }

  return (
    <div className="grid gap-6" data-testid={testIds.requests.presentView}>
      <RequestCard request={r} />
      {vault.isPending ? <Loading text="Opening your wallet…" /> : null}
      {(vault.error ?? credentials.error) ? (
        <Alert tone="error" title="Your wallet could not be opened">
          {(vault.error ?? credentials.error)?.message}
        </Alert>
      ) : null}
      {vault.data?.locked ? <UnlockForm /> : null}
      {vault.data && !vault.data.identity ? (
        <Alert tone="info" title="There is no wallet in this browser">
          <p>
            You need your credentials in this browser to answer. Open the wallet where you claimed
            them, or restore a backup here first.
          </p>
          <p className="mt-2">{walletLink}</p>
        </Alert>
      ) : null}
      {open && vault.data?.identity && credentials.data ? (
        <Answer request={r} credentials={credentials.data} ledgerConfig={ledgerConfig} />
      ) : null}
    </div>
  );
}

function Loading({ text }: { text: string }) {
  return (
    <p role="status" className="text-sm text-slate-600">
      {text}
    </p>
  );
}

function RequestCard({ request }: { request: PublicRequest }) {
  const headingId = useId();
  const host = safeHost(request.audience);
  return (
    <Card className="grid gap-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {request.verifier.name} asks you to show
      </h2>
      <ul className="list-disc pl-5 text-sm text-slate-900">
        {request.requirements.map((req, i) => (
          <li key={i}>{req.label}</li>
        ))}
      </ul>
      <dl className="grid gap-1 text-sm sm:grid-cols-[7rem_1fr]">
        <dt className="text-slate-600">Why</dt>
        <dd className="text-slate-900">{request.purpose}</dd>
        <dt className="text-slate-600">Sent to</dt>
        <dd className="break-all text-slate-900">{host}</dd>
      </dl>
      <p className="text-xs text-slate-600">
        <ExpiryCountdown expiresAt={request.expires_at} />. {request.verifier.name} named itself;
        check that you expected this request before you share.
      </p>
    </Card>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function Answer({
  request,
  credentials,
  ledgerConfig,
}: {
  request: PublicRequest;
  credentials: Parameters<typeof matchRequestCredentials>[1];
  ledgerConfig: PublicLedgerConfig;
}) {
  const headingId = useId();
  const { t } = useWalletText();
  const choices = matchRequestCredentials(request, credentials);
  const verifier = useBrowserVerifier(ledgerConfig);
  const statuses = useCredentialVerifications(
    choices.map((c) => c.credential.jwt),
    verifier,
  ).map((state) => credentialStatus(state));
  const statusOf = new Map(choices.map((c, i) => [c.credential.id, statuses[i]!]));
  const matching = choices.filter((c) => c.answers.length > 0);
  const [picked, setPicked] = useState<Set<string> | null>(null);
  // Until the doctor picks, only credentials the verifier will find valid are selected.
  const selected =
    picked ??
    new Set(
      matching
        .filter((c) => statusOf.get(c.credential.id)?.label === "Valid")
        .map((c) => c.credential.id),
    );
  const decline = useMutation({ mutationFn: () => postRequestDecline(request.id) });
  const share = useMutation({
    mutationFn: async (chosen: CredentialChoice[]) => {
      const vault = await openWallet();
      if (!vault.identity) throw new Error("There is no wallet key in this browser.");
      const vpToken = await buildVpToken(vault.identity, request, chosen);
      return postRequestResponse(request.id, vpToken);
    },
  });

  if (decline.isSuccess) {
    return (
      <Alert
        tone="info"
        title={t.present.declinedTitle}
        data-testid={testIds.requests.presentResult}
      >
        <p>{t.present.declined(request.verifier.name)}</p>
        <p className="mt-2">{walletLink}</p>
      </Alert>
    );
  }
  if (share.isSuccess) {
    const met = share.data.outcome === "met";
    return (
      <Alert
        tone={met ? "success" : "warning"}
        title={`Shared with ${request.verifier.name}`}
        data-testid={testIds.requests.presentResult}
      >
        <p>
          {met
            ? `${request.verifier.name} checked your credentials: everything asked for is met.`
            : share.data.outcome === "unknown"
              ? `${request.verifier.name} received your credentials, but some checks could not be made yet.`
              : `${request.verifier.name} received your credentials, but their check found that not everything asked for is met. A credential may have been revoked, suspended or expired: look at your wallet.`}
        </p>
        <p className="mt-2">{walletLink}</p>
      </Alert>
    );
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const chosen = matching.filter((c) => selected.has(c.credential.id));
  const sendError = share.error ?? decline.error;
  const finalError =
    sendError instanceof RequestApiError &&
    (sendError.code === "REQUEST_EXPIRED" || sendError.code === "REQUEST_ANSWERED");
  const busy = share.isPending || decline.isPending;

  return (
    <section aria-labelledby={headingId} className="grid gap-4">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        Choose what to share
      </h2>
      {choices.length === 0 ? (
        <Alert tone="info" title="Your wallet is empty">
          There are no credentials in this wallet to share.
        </Alert>
      ) : matching.length === 0 ? (
        <Alert tone="warning" title="None of your credentials fits this request">
          You can decline. The reasons are listed under each credential.
        </Alert>
      ) : null}
      <ul className="grid gap-3">
        {choices.map((c) => (
          <ChoiceRow
            key={c.credential.id}
            choice={c}
            checked={selected.has(c.credential.id)}
            onToggle={(on) => toggle(c.credential.id, on)}
            disabled={busy}
            status={statusOf.get(c.credential.id)!}
          />
        ))}
      </ul>
      {sendError ? <RequestErrorAlert error={sendError} /> : null}
      {finalError ? null : (
        <div className="flex flex-wrap gap-3">
          <Button
            onClick={() => share.mutate(chosen)}
            disabled={chosen.length === 0 || decline.isPending}
            busy={share.isPending}
            data-testid={testIds.requests.presentShare}
          >
            Share {chosen.length === 1 ? "1 credential" : `${chosen.length} credentials`}
          </Button>
          <Button
            variant="secondary"
            onClick={() => decline.mutate()}
            disabled={share.isPending}
            busy={decline.isPending}
            data-testid={testIds.requests.presentDecline}
          >
            Decline
          </Button>
        </div>
      )}
      <p className="text-xs text-slate-600">
        Sharing signs the chosen credentials with your wallet&apos;s key, for this request only. The
        verifier sees everything in them, including any conditions on practice.
      </p>
    </section>
  );
}

function ChoiceRow({
  choice,
  checked,
  onToggle,
  disabled,
  status,
}: {
  choice: CredentialChoice;
  checked: boolean;
  onToggle: (on: boolean) => void;
  disabled: boolean;
  status: CredentialStatus;
}) {
  const id = useId();
  const { t } = useWalletText();
  const checking = status.label === "Checking…";
  const d = describeCredential(choice.credential.jwt);
  const fits = choice.answers.length > 0;
  const doubtful = fits && !checking && status.label !== "Valid";
  const facts = d.fields.filter((f) => f.key !== "name").slice(0, 3);
  return (
    <li
      data-testid={testIds.requests.presentCredential}
      data-fits={String(fits)}
      data-status={status.label}
      className={`flex gap-3 rounded-lg border p-4 ${fits ? "border-slate-300 bg-white" : "border-slate-200 bg-slate-50 text-slate-500"}`}
    >
      <input
        id={id}
        type="checkbox"
        className="accent-brand-600 mt-1 size-4"
        checked={fits && checked}
        disabled={!fits || disabled}
        onChange={(e) => onToggle(e.target.checked)}
        aria-describedby={`${id}-why`}
      />
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <label htmlFor={id} className={`font-medium ${fits ? "text-slate-900" : ""}`}>
            {d.title}
            <span className="font-normal"> · {choice.credential.issuerName}</span>
          </label>
          {status.label === "Checking…" ? (
            <span className="text-xs text-slate-600">{t.present.checkingStatus}</span>
          ) : (
            <Badge tone={status.tone} data-testid={testIds.requests.presentStatus}>
              {t.status.labels[status.label]}
            </Badge>
          )}
        </div>
        <p className="text-sm">
          {[d.holderName, ...facts.map((f) => `${f.label}: ${f.value}`)]
            .filter(Boolean)
            .join(" · ")}
        </p>
        {d.conditions.length > 0 ? (
          <p className="mt-1 text-sm font-medium text-amber-800">
            Conditions on practice: {d.conditions.map((c) => c.text).join("; ")}
          </p>
        ) : null}
        <p id={`${id}-why`} className="mt-1 text-xs">
          {fits ? "Fits this request." : `Does not fit: ${choice.reasons.join(" ")}`}
          {doubtful ? (
            <span className="mt-1 block text-sm text-red-800">
              {status.reason ? `${status.reason} ` : ""}
              {t.present.notPreselected}
            </span>
          ) : null}
        </p>
      </div>
    </li>
  );
}
