"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useMemo, useState, type ReactNode } from "react";
import { ConditionsCallout } from "@/components/credential/conditions-callout";
import { CredentialStatusBadge } from "@/components/credential/credential-status-badge";
import { SubjectFieldList } from "@/components/credential/subject-field-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { Check } from "@/lib/credentials/verification";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { credentialHref } from "@/lib/wallet/credential-href";
import { describeCredential } from "@/lib/wallet/describe-credential";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { CorrectionNotes } from "./correction-notes";
import { CredentialQrDialog } from "./credential-qr-dialog";
import { StatusAge } from "./status-age";
import { useStatusText } from "./status-text";
import { useWalletCredentialStatus } from "./use-wallet-credential-status";
import { useWalletText } from "./wallet-text";

/** Dates and times in the doctor's language; undefined for anything that is not a date. */
function useDates() {
  const { formatDate, formatDateTime } = useWalletText();
  const valid = (value: unknown): value is string =>
    typeof value === "string" && !Number.isNaN(Date.parse(value));
  return {
    day: (value: unknown) => (valid(value) ? formatDate(value, "medium") : undefined),
    time: (value: unknown) => (valid(value) ? formatDateTime(value) : undefined),
  };
}

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Card className="grid min-w-0 gap-3">
      <section aria-labelledby={id} className="grid min-w-0 gap-3" data-testid={testId}>
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {children}
      </section>
    </Card>
  );
}

function Facts({ rows }: { rows: { label: string; value: ReactNode; mono?: boolean }[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {rows.map((row) => (
        <div key={row.label} className="min-w-0">
          <dt className="text-xs font-medium text-slate-500">{row.label}</dt>
          <dd
            className={`text-sm break-words text-slate-900 ${row.mono ? "font-mono text-xs break-all" : ""}`}
          >
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The check's own sentence, marked as passed, failed or not checked. */
function CheckLine({ check }: { check: Check | undefined }) {
  const { t, locale } = useWalletText();
  if (!check) return <p className="text-sm text-slate-600">{t.detail.notChecked}</p>;
  const tone =
    check.ok === true ? "text-emerald-800" : check.ok === false ? "text-red-800" : "text-amber-900";
  const word =
    check.ok === true
      ? t.detail.confirmed
      : check.ok === false
        ? t.detail.failed
        : t.detail.unchecked;
  // English keeps the check's own sentence; another language says it by the check's code.
  const message = locale === "en" ? check.message : (t.status.checks[check.code] ?? check.message);
  return (
    <p className={`text-sm ${tone}`}>
      <span className="font-semibold">{word}: </span>
      {message}
    </p>
  );
}

/**
 * Everything about one credential in the wallet: its standing (live, or cached with its age when
 * offline), every claim, the issuer's accreditation in the trust registry, the ledger anchor of
 * its status list, its chain of corrections and the raw JWT.
 */
export function CredentialDetail({
  credential,
  ledgerConfig,
  heldIds,
}: {
  credential: StoredCredential;
  ledgerConfig: PublicLedgerConfig;
  heldIds: ReadonlySet<string>;
}) {
  const { t, locale } = useWalletText();
  const { day, time } = useDates();
  const verifier = useBrowserVerifier(ledgerConfig);
  const standing = useWalletCredentialStatus(credential, verifier, { alwaysReadCorrection: true });
  const said = useStatusText()(standing.status);
  const described = useMemo(
    () => describeCredential(credential.jwt, locale),
    [credential.jwt, locale],
  );
  const queryClient = useQueryClient();
  const [qrOpen, setQrOpen] = useState(false);
  const checks =
    standing.verification.kind === "checked" ? standing.verification.result.checks : [];
  const trust = checks.find((c) => c.id === "trust");
  const anchor = checks.find((c) => c.id === "anchor");
  const listUrl = typeof anchor?.details?.listUrl === "string" ? anchor.details.listUrl : undefined;
  const listId = listUrl?.split("/").at(-1);
  const checking = standing.verification.kind === "checking";

  async function checkAgain() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.trustRegistryAll() }),
      queryClient.invalidateQueries({ queryKey: queryKeys.verification(credential.jwt) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.wallet.correction(credential.id) }),
    ]);
  }

  const fields = [
    ...described.fields,
    ...(described.issuedAt
      ? [{ key: "issued", label: t.card.issued, value: day(described.issuedAt.toISOString())! }]
      : []),
    ...(described.validUntil
      ? [
          {
            key: "validUntil",
            label: t.card.validUntil,
            value: day(described.validUntil.toISOString())!,
          },
        ]
      : []),
  ];

  return (
    <div className="grid gap-4" data-testid={testIds.wallet.detail}>
      <Card className="grid min-w-0 gap-3">
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
          <div className="min-w-0">
            <h2 className="text-lg font-semibold text-slate-900">{described.title}</h2>
            <p className="text-sm break-words text-slate-600">
              {t.card.issuedBy(credential.issuerName)}
            </p>
          </div>
          <CredentialStatusBadge status={standing.status} label={said.label} />
        </div>
        {said.reason ? <p className="text-sm text-slate-700">{said.reason}</p> : null}
        <p className="text-xs text-slate-600">
          {checking ? (
            t.detail.checking
          ) : (
            <StatusAge
              checkedAt={standing.checkedAt}
              fromCache={standing.fromCache}
              online={standing.online}
            />
          )}
        </p>
        <CorrectionNotes
          superseded={standing.status.label === "Superseded"}
          correction={standing.correction}
          supersedes={standing.supersedes}
          heldIds={heldIds}
        />
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            aria-haspopup="dialog"
            onClick={() => setQrOpen(true)}
            data-testid={testIds.wallet.showQr}
          >
            {t.card.showQr}
          </Button>
          <Button variant="ghost" onClick={checkAgain} busy={checking} disabled={!standing.online}>
            {t.detail.checkAgain}
          </Button>
        </div>
      </Card>

      <ConditionsCallout
        conditions={described.conditions}
        unreadable={described.conditionsUnreadable}
        labels={t.conditions}
      />

      <Section title={t.detail.whatItSays}>
        <SubjectFieldList fields={fields} />
      </Section>

      <Section title={t.detail.issuerSection} testId={testIds.wallet.accreditation}>
        <Facts
          rows={[
            { label: t.detail.issuer, value: credential.issuerName },
            { label: t.detail.issuerDid, value: credential.issuerDid, mono: true },
            ...(day(trust?.details?.accreditedFrom)
              ? [
                  {
                    label: t.detail.accredited,
                    value: t.detail.accreditedRange(
                      day(trust?.details?.accreditedFrom)!,
                      day(trust?.details?.accreditedUntil),
                    ),
                  },
                ]
              : []),
          ]}
        />
        <CheckLine check={trust} />
        <p className="text-xs text-slate-600">
          {t.detail.registryNote}{" "}
          <Link href="/registry" className="text-brand-700 font-medium underline">
            {t.detail.registryLink}
          </Link>
        </p>
      </Section>

      <Section title={t.detail.anchorSection} testId={testIds.wallet.anchor}>
        <Facts
          rows={[
            ...(anchor?.details?.version !== undefined
              ? [{ label: t.detail.listVersion, value: String(anchor.details.version) }]
              : []),
            ...(time(anchor?.details?.anchoredAt)
              ? [{ label: t.detail.anchoredAt, value: time(anchor?.details?.anchoredAt)! }]
              : []),
            ...(listUrl ? [{ label: t.detail.statusList, value: listUrl, mono: true }] : []),
          ]}
        />
        <CheckLine check={anchor} />
        {listId ? (
          <p className="text-sm">
            <Link
              href={`/ledger/${encodeURIComponent(listId)}`}
              className="text-brand-700 font-medium underline"
            >
              {t.detail.anchorLink}
            </Link>
          </p>
        ) : null}
      </Section>

      <Section title={t.detail.correctionsSection} testId={testIds.wallet.correctionChain}>
        <CorrectionChain
          id={credential.id}
          supersedes={standing.supersedes}
          supersededBy={standing.correction?.supersededBy}
          at={standing.correction?.at}
          known={Boolean(standing.correction)}
          heldIds={heldIds}
        />
      </Section>

      <Card className="grid min-w-0 gap-2">
        <details>
          <summary className="text-brand-700 cursor-pointer text-sm font-medium hover:underline">
            {t.detail.showRaw}
          </summary>
          <div className="mt-2 grid gap-2">
            <pre
              tabIndex={0}
              aria-label={t.card.rawLabel}
              data-testid={testIds.wallet.rawCredential}
              className="max-h-64 overflow-y-auto rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
            >
              {credential.jwt}
            </pre>
            <div>
              <CopyButton value={credential.jwt} label={t.card.copyRaw} text={t.copy} />
            </div>
          </div>
        </details>
      </Card>

      {qrOpen ? (
        <CredentialQrDialog
          jwt={credential.jwt}
          title={described.title}
          issuerName={credential.issuerName}
          onClose={() => setQrOpen(false)}
        />
      ) : null}
    </div>
  );
}

function ChainLink({ id, heldIds }: { id: string; heldIds: ReadonlySet<string> }) {
  const { t } = useWalletText();
  return heldIds.has(id) ? (
    <Link
      href={credentialHref(id)}
      className="text-brand-700 font-mono text-xs break-all underline"
    >
      {id}
    </Link>
  ) : (
    <span className="font-mono text-xs break-all">
      {id} {t.detail.notInWallet}
    </span>
  );
}

/** The chain as an ordered list: what this corrects, this one, what replaced it. */
function CorrectionChain({
  id,
  supersedes,
  supersededBy,
  at,
  known,
  heldIds,
}: {
  id: string;
  supersedes: string | undefined;
  supersededBy: string | undefined;
  at: string | undefined;
  known: boolean;
  heldIds: ReadonlySet<string>;
}) {
  const { t } = useWalletText();
  const { day } = useDates();
  if (!supersedes && !supersededBy) {
    return (
      <p className="text-sm text-slate-600">
        {known ? t.detail.noCorrections : t.detail.correctionsUnknown}
      </p>
    );
  }
  return (
    <ol className="grid gap-2 border-l-2 border-slate-200 pl-4 text-sm">
      {supersedes ? (
        <li>
          <p className="text-slate-600">{t.detail.earlier}</p>
          <ChainLink id={supersedes} heldIds={heldIds} />
        </li>
      ) : null}
      <li>
        <p className="font-medium text-slate-900">{t.detail.thisOne}</p>
        <span className="font-mono text-xs break-all">{id}</span>
      </li>
      {supersededBy ? (
        <li>
          <p className="text-slate-600">{t.detail.corrected(at ? day(at) : undefined)}</p>
          <ChainLink id={supersededBy} heldIds={heldIds} />
        </li>
      ) : null}
    </ol>
  );
}
