"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { StatusAction } from "@/lib/issuance/schemas";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { CredentialRow } from "./credential-row";
import {
  IssuerApiError,
  issuerApi,
  type IssuedCredentialSummary,
  type IssuerSession,
  type StatusChange,
} from "./issuer-api";
import { StatusChangeDialog } from "./status-change-dialog";

/** The API returns the newest credentials up to this many. */
const LIST_LIMIT = 100;

type Change = { credential: IssuedCredentialSummary; action: StatusAction; reason?: string };
type Outcome = { tone: "success" | "warning" | "error"; title: string; detail: ReactNode };

const verbs: Record<StatusAction, string> = {
  revoke: "Revoked",
  suspend: "Suspended",
  reinstate: "Reinstated",
};

function holderOf(credential: IssuedCredentialSummary) {
  return credential.subjectName ?? "an unnamed holder";
}

function describeChange(result: StatusChange, { credential, action }: Change): Outcome {
  const list = action === "revoke" ? "revocation list" : "suspension list";
  const title = `${verbs[action]} the licence of ${holderOf(credential)}.`;
  if (result.anchorState === "pending") {
    return {
      tone: "warning",
      title,
      detail: `The ${list} is now at version ${result.version}: pending anchor — will be anchored when the ledger is reachable.`,
    };
  }
  return {
    tone: "success",
    title,
    detail: (
      <>
        The {list} is now at version {result.version}, anchored in transaction{" "}
        <code className="font-mono text-xs break-all">{result.anchorTx}</code>.
      </>
    ),
  };
}

export function IssuedCredentialsTable({ session }: { session: IssuerSession }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [confirming, setConfirming] = useState<Change | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const list = useQuery({
    queryKey: queryKeys.issuerCredentials(session.slug),
    queryFn: ({ signal }) => issuerApi.listCredentials(session, signal),
    staleTime: 15_000,
  });

  const change = useMutation({
    mutationFn: ({ credential, action, reason }: Change) =>
      issuerApi.changeStatus(session, credential.id, action, reason),
    // Closing the dialog and reporting happen in one render, so the focus move below comes after
    // the dialog hands focus back to its opener.
    onSuccess: (result, variables) => {
      setConfirming(null);
      setOutcome(describeChange(result, variables));
    },
    onError: (err, { action }) => {
      setConfirming(null);
      setOutcome({ tone: "error", title: `Could not ${action}.`, detail: err.message });
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.issuerCredentials(session.slug) }),
  });

  // The buttons that started the change were disabled while it ran (and a revoked row has none),
  // so their focus is gone: move it to the report, which the live region also announces.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  function onAction(credential: IssuedCredentialSummary, action: StatusAction) {
    // Reinstating only undoes a suspension; revoking and suspending are confirmed first.
    if (action === "reinstate") change.mutate({ credential, action });
    else setConfirming({ credential, action });
  }

  const running = change.isPending ? change.variables : undefined;

  return (
    <section className="mt-10">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          Issued credentials
        </h2>
        {list.isSuccess ? (
          <Button variant="secondary" busy={list.isFetching} onClick={() => void list.refetch()}>
            Refresh
          </Button>
        ) : null}
      </div>

      <div
        ref={outcomeRef}
        tabIndex={-1}
        aria-live="polite"
        data-testid={testIds.issuer.actionResult}
      >
        {/* Always rendered: a live region that appears together with its text is often not read. */}
        {outcome ? (
          <div className="mb-3">
            <Alert tone={outcome.tone} title={outcome.title}>
              {outcome.detail}
            </Alert>
          </div>
        ) : null}
      </div>

      {list.isPending ? (
        <p role="status" className="py-8 text-center text-sm text-slate-600">
          Loading issued credentials…
        </p>
      ) : list.isError ? (
        <Alert tone="error" title="The issued credentials could not be loaded">
          <p>
            {list.error.message}
            {list.error instanceof IssuerApiError && list.error.status === 401
              ? " Sign out and sign in again with a current key."
              : null}
          </p>
          <Button
            variant="secondary"
            className="mt-2"
            busy={list.isFetching}
            onClick={() => void list.refetch()}
          >
            Try again
          </Button>
        </Alert>
      ) : list.data.length === 0 ? (
        <EmptyState title="No credentials issued yet">
          Credentials you issue appear here with their status and ledger anchor.
        </EmptyState>
      ) : (
        <>
          {/* The table keeps its columns and scrolls inside this box on narrow screens. */}
          <div
            role="region"
            aria-labelledby={headingId}
            tabIndex={0}
            className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
          >
            <table className="w-full min-w-[60rem] text-left text-sm">
              <thead className="bg-slate-50 text-xs font-semibold text-slate-600">
                <tr>
                  {["Holder", "Type", "Issued", "Status", "Claimed", "Anchor", "Actions"].map(
                    (h) => (
                      <th key={h} scope="col" className="px-3 py-2">
                        {h}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {list.data.map((credential) => (
                  <CredentialRow
                    key={credential.id}
                    credential={credential}
                    busyAction={
                      running?.credential.id === credential.id ? running.action : undefined
                    }
                    disabled={change.isPending}
                    onAction={(action) => onAction(credential, action)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {list.data.length >= LIST_LIMIT ? (
            <p className="mt-2 text-xs text-slate-600">
              Showing the newest {LIST_LIMIT} credentials.
            </p>
          ) : null}
        </>
      )}

      {confirming ? (
        <StatusChangeDialog
          action={confirming.action === "revoke" ? "revoke" : "suspend"}
          holderName={holderOf(confirming.credential)}
          busy={change.isPending}
          onConfirm={(reason) => change.mutate({ ...confirming, reason })}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}
