"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { PublicLedgerConfig } from "@/lib/env";
import { createLedgerReader } from "@/lib/ledger/reader";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { verifyAuditLog, type AuditLogVerification } from "@/lib/trust/verify-audit-log";
import { consoleApi, type AuditEntryView } from "./issuer-api";
import type { SignedIn } from "./issuer-console";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

const actionLabels: Record<string, string> = {
  "credential.issued": "Issued",
  "credential.revoked": "Revoked",
  "credential.suspended": "Suspended",
  "credential.reinstated": "Reinstated",
  "credential.amended": "Amended",
  "credential.rebound": "Re-bound to a new wallet key",
  "staff.created": "Staff added",
  "staff.role-changed": "Role changed",
  "staff.disabled": "Staff disabled",
  "staff.enabled": "Staff enabled",
  "staff.locked": "Sign-in locked",
  "staff.password-changed": "Password changed",
  "staff.password-reset": "Password reset",
  "api-key.created": "API key created",
  "api-key.revoked": "API key revoked",
  "session.signed-in": "Signed in",
  "session.signed-out": "Signed out",
};

function actorText(entry: AuditEntryView, session: SignedIn) {
  if (entry.actor.type === "staff" && entry.actor.id === session.staff.id) return "You";
  const kind =
    entry.actor.type === "api-key" ? "API key" : entry.actor.type === "staff" ? "Staff" : "Vitae";
  return entry.actor.type === "system" ? kind : `${kind} ${entry.actor.id.slice(0, 12)}`;
}

function detailText(details: Record<string, unknown>) {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/**
 * The issuer's audit log, newest first, with the checks an outsider would make: "Verify chain"
 * downloads the export and runs the universal verifier in this browser against the ledger (read
 * straight from the chain's RPC, not through Vitae's server).
 */
export function AuditLogView({
  session,
  ledgerConfig,
}: {
  session: SignedIn;
  ledgerConfig: PublicLedgerConfig;
}) {
  const slug = session.slug;
  const queryClient = useQueryClient();
  const log = useInfiniteQuery({
    queryKey: queryKeys.issuerAuditLog(slug),
    queryFn: ({ pageParam, signal }) => consoleApi.auditLog(slug, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  const verify = useMutation({
    mutationFn: async (): Promise<AuditLogVerification> => {
      const exported = await consoleApi.exportAuditLog(slug);
      return verifyAuditLog(exported, { ledger: createLedgerReader(ledgerConfig) });
    },
  });
  const exportFile = useMutation({
    mutationFn: async () => {
      const exported = await consoleApi.exportAuditLog(slug);
      const blob = new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${slug}-audit-log-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  const anchor = useMutation({
    mutationFn: () => consoleApi.anchorAuditLog(slug),
    onSettled: () => {
      verify.reset();
      void queryClient.invalidateQueries({ queryKey: queryKeys.issuerAuditLog(slug) });
    },
  });

  const first = log.data?.pages[0];
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const lastAnchor = first?.lastAnchor ?? null;

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h2 className="text-base font-semibold text-slate-900">Tamper-evident log</h2>
            <p className="mt-1 text-sm text-slate-600">
              {first ? `${first.head.seq} ${first.head.seq === 1 ? "entry" : "entries"}. ` : null}
              {lastAnchor
                ? `Entry ${lastAnchor.seq} was anchored on the ledger ${dateTime.format(new Date(lastAnchor.anchoredAt))} (anchor version ${lastAnchor.version}).`
                : "Not anchored on the ledger yet."}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => verify.mutate()}
              busy={verify.isPending}
              data-testid={testIds.issuer.auditVerify}
            >
              Verify chain
            </Button>
            <Button
              variant="secondary"
              onClick={() => exportFile.mutate()}
              busy={exportFile.isPending}
              data-testid={testIds.issuer.auditExport}
            >
              Export JSON
            </Button>
            <Button
              variant="secondary"
              onClick={() => anchor.mutate()}
              busy={anchor.isPending}
              data-testid={testIds.issuer.auditAnchor}
            >
              Anchor now
            </Button>
          </div>
        </div>
        <div className="mt-3 grid gap-2" aria-live="polite">
          {verify.data ? <VerificationResult result={verify.data} /> : null}
          {verify.isError ? (
            <Alert tone="error" title="Could not run the check">
              {verify.error.message}
            </Alert>
          ) : null}
          {exportFile.isError ? (
            <Alert tone="error" title="Export failed">
              {exportFile.error.message}
            </Alert>
          ) : null}
          {anchor.isError ? (
            <Alert tone="error" title="Could not anchor the log">
              {anchor.error.message}
            </Alert>
          ) : anchor.data?.anchor ? (
            <Alert tone="success" title="Log head anchored">
              Entry {anchor.data.anchor.seq} is on the ledger (version {anchor.data.anchor.version}
              ).
            </Alert>
          ) : null}
        </div>
      </Card>

      <section aria-labelledby="audit-heading" className="min-w-0">
        <h2 id="audit-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Entries, newest first
        </h2>
        {log.isPending ? (
          <p role="status" className="py-8 text-center text-sm text-slate-600">
            Loading the audit log…
          </p>
        ) : log.isError ? (
          <Alert tone="error" title="Could not load the audit log">
            {log.error.message}
          </Alert>
        ) : entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet">
            Issuing, status changes, staff and key changes and sign-ins appear here.
          </EmptyState>
        ) : (
          <>
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm" data-testid={testIds.issuer.auditTable}>
                <caption className="sr-only">Audit log of {session.issuer.name}</caption>
                <thead className="bg-slate-50 text-xs tracking-wide text-slate-600 uppercase">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      #
                    </th>
                    <th scope="col" className="px-3 py-2">
                      When
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Action
                    </th>
                    <th scope="col" className="px-3 py-2">
                      By
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Details
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Hash
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {entries.map((e) => (
                    <tr key={e.seq} data-testid={testIds.issuer.auditRow} className="align-top">
                      <td className="px-3 py-2 font-mono text-xs text-slate-700">{e.seq}</td>
                      <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                        {dateTime.format(new Date(e.at))}
                      </td>
                      <td className="px-3 py-2">
                        <span className="font-medium whitespace-nowrap text-slate-900">
                          {actionLabels[e.action] ?? e.action}
                        </span>
                        {lastAnchor && e.seq > lastAnchor.seq ? (
                          <span className="ml-2">
                            <Badge tone="warning">Not yet anchored</Badge>
                          </span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                        {actorText(e, session)}
                      </td>
                      <td className="max-w-xs px-3 py-2 break-words text-slate-700">
                        {e.credentialId ? (
                          <span className="block font-mono text-xs">{e.credentialId}</span>
                        ) : null}
                        {detailText(e.details)}
                      </td>
                      <td className="px-3 py-2">
                        <code title={e.hash} className="font-mono text-xs text-slate-600">
                          {e.hash.slice(0, 10)}…
                        </code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {log.hasNextPage ? (
              <div className="mt-3 text-center">
                <Button
                  variant="secondary"
                  busy={log.isFetchingNextPage}
                  onClick={() => void log.fetchNextPage()}
                  data-testid={testIds.issuer.auditOlder}
                >
                  Show older entries
                </Button>
              </div>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="outsider-heading">
        <h2 id="outsider-heading" className="text-lg font-semibold text-slate-900">
          How an outsider checks this log
        </h2>
        <div className="mt-2 max-w-3xl space-y-2 text-sm text-slate-700">
          <p>
            Each entry&apos;s hash covers its content and the previous entry&apos;s hash, so
            changing, removing or reordering any entry breaks the chain. The newest hash is anchored
            on the ledger from {session.issuer.name}&apos;s own account, under the key
            keccak256(&quot;vitae:audit-log:&quot; + issuer DID), with every status-list anchor, at
            least hourly, and on request. Only the hash goes on the ledger.
          </p>
          <p>
            An auditor takes the exported JSON and checks it against the chain without trusting
            Vitae&apos;s server:
          </p>
          <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">
            {`npx tsx scripts/verify-audit-log.ts ${slug}-audit-log.json \\\n  --rpc ${ledgerConfig.rpcUrl} --contract ${ledgerConfig.contractAddress} --chain-id ${ledgerConfig.chainId}`}
          </pre>
        </div>
      </section>
    </div>
  );
}

function VerificationResult({ result }: { result: AuditLogVerification }) {
  const failed = result.checks.find((c) => c.ok === false);
  const unknown = result.checks.find((c) => c.ok === null);
  const tone = result.verified ? "success" : failed ? "error" : "warning";
  const title = result.verified
    ? "Chain intact and anchored on the ledger"
    : failed
      ? "The log does not verify"
      : "The chain is intact; the ledger check is incomplete";
  return (
    <div data-testid={testIds.issuer.auditVerifyResult} data-verified={result.verified}>
      <Alert tone={tone} title={title}>
        <ul className="mt-1 space-y-1">
          {result.checks.map((c) => (
            <li key={c.id}>
              <span className="font-mono text-xs">{c.code}</span>
              {c.seq !== undefined ? ` (entry ${c.seq})` : ""}: {c.message}
            </li>
          ))}
        </ul>
        {result.anchored ? (
          <p className="mt-1">
            Anchored head: entry {result.anchored.seq} of {result.entries}, version{" "}
            {result.anchored.version}.{" "}
            {result.notYetAnchored > 0
              ? `${result.notYetAnchored} newer ${result.notYetAnchored === 1 ? "entry is" : "entries are"} not yet anchored.`
              : "Every entry is anchored."}
          </p>
        ) : unknown ? null : null}
      </Alert>
    </div>
  );
}
