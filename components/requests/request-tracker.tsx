"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedRequest, RequestStatus } from "@/lib/credentials/policy/schemas";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { ExpiryCountdown } from "./expiry-countdown";
import { RequestOutcome } from "./request-outcome";
import { RequestQr } from "./request-qr";
import { fetchRequestStatus } from "./requests-api";

/** How often the page asks whether the doctor has answered. */
const POLL_MS = 2000;

function finished(status: RequestStatus | undefined) {
  return (
    status?.state === "answered" || status?.state === "declined" || status?.state === "expired"
  );
}

/**
 * A created request: the QR and link for the doctor, a live countdown, and the answer as soon as
 * it is verified (polled with the read secret; polling stops on an answer, a refusal or at
 * expiry).
 */
export function RequestTracker({ created, onNew }: { created: CreatedRequest; onNew: () => void }) {
  const { request, readSecret, walletUrl } = created;
  const status = useQuery({
    queryKey: queryKeys.requests.status(request.id),
    queryFn: () => fetchRequestStatus(request.id, readSecret),
    refetchInterval: (query) => {
      if (finished(query.state.data)) return false;
      // One last look just after expiry, so the page shows "expired" without a reload.
      const left = Date.parse(request.expires_at) - Date.now();
      return left < -POLL_MS * 2 ? false : POLL_MS;
    },
    refetchIntervalInBackground: true,
    retry: 2,
  });
  const state = status.data?.state ?? request.state;
  const newButton = (
    <Button variant="secondary" onClick={onNew} data-testid={testIds.requests.newRequest}>
      New request
    </Button>
  );

  if (status.data?.state === "answered" && status.data.answer) {
    return (
      <div className="grid gap-4">
        <RequestSummary created={created} />
        <RequestOutcome answer={status.data.answer} />
        <div>{newButton}</div>
      </div>
    );
  }
  if (state === "declined") {
    return (
      <div className="grid gap-4">
        <Alert
          tone="info"
          title="The doctor declined to share"
          data-testid={testIds.requests.declined}
        >
          Their wallet answered that they do not want to share credentials for this request. Nothing
          was received. Talk to them, or create a new request to ask again.
        </Alert>
        <RequestSummary created={created} />
        <div>{newButton}</div>
      </div>
    );
  }
  if (state === "expired") {
    return (
      <div className="grid gap-4">
        <Alert
          tone="warning"
          title="This request has expired"
          data-testid={testIds.requests.expired}
        >
          The doctor did not answer in time, and the request can no longer be answered. Create a new
          request to ask again.
        </Alert>
        <RequestSummary created={created} />
        <div>{newButton}</div>
      </div>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start">
      <Card
        className="grid justify-items-center gap-4 text-center"
        data-testid={testIds.requests.waiting}
      >
        <h2 className="text-lg font-semibold text-slate-900">Ask the doctor to scan this</h2>
        <RequestQr url={walletUrl} />
        <p className="text-sm text-slate-600">
          Or send them the link. It opens their Vitae wallet, which shows them who is asking and
          what for.
        </p>
        <div className="flex w-full min-w-0 flex-wrap items-center justify-center gap-2">
          <code
            className="max-w-full min-w-0 truncate rounded bg-slate-100 px-2 py-1 text-xs text-slate-800"
            data-testid={testIds.requests.link}
            title={walletUrl}
          >
            {walletUrl}
          </code>
          <CopyButton value={walletUrl} label="request link" />
        </div>
        <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
          <span
            aria-hidden
            className="border-brand-600 size-4 animate-spin rounded-full border-2 border-t-transparent"
          />
          {state === "verifying"
            ? "Answer received, verifying…"
            : "Waiting for the doctor’s answer…"}
        </p>
        <ExpiryCountdown expiresAt={request.expires_at} data-testid={testIds.requests.countdown} />
        {status.isError ? (
          <Alert tone="error" title="Could not check for an answer">
            {status.error.message} The page keeps trying.
          </Alert>
        ) : null}
      </Card>
      <div className="grid gap-4">
        <RequestSummary created={created} />
        <div>{newButton}</div>
      </div>
    </div>
  );
}

function RequestSummary({ created: { request } }: { created: CreatedRequest }) {
  const headingId = useId();
  return (
    <Card className="grid gap-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        Your request
      </h2>
      <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-600">From</dt>
        <dd className="text-slate-900">{request.verifier.name}</dd>
        <dt className="text-slate-600">Purpose</dt>
        <dd className="text-slate-900">{request.purpose}</dd>
        <dt className="text-slate-600">Asks for</dt>
        <dd>
          <ul className="list-disc pl-5 text-slate-900">
            {request.requirements.map((r, i) => (
              <li key={i}>{r.label}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700">Technical details (OpenID4VP)</summary>
        <dl className="mt-2 grid gap-1 text-xs break-all text-slate-700">
          <dt className="font-medium">client_id / audience</dt>
          <dd>{request.client_id}</dd>
          <dt className="font-medium">response_uri (direct_post)</dt>
          <dd>{request.response_uri}</dd>
          <dt className="font-medium">DCQL query</dt>
          <dd>
            <pre className="overflow-x-auto rounded bg-slate-50 p-2 whitespace-pre-wrap">
              {JSON.stringify(request.dcql_query, null, 2)}
            </pre>
          </dd>
        </dl>
      </details>
    </Card>
  );
}
