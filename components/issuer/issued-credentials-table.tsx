"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import {
  credentialTypeNames,
  credentialTypes,
  isCredentialTypeName,
} from "@/lib/credentials/credential-types";
import type { StatusAction } from "@/lib/issuance/schemas";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { AmendDialog } from "./amend-dialog";
import { serverFieldErrors, type DraftErrors } from "./credential-draft";
import { CredentialRow } from "./credential-row";
import {
  IssuerApiError,
  issuerApi,
  type CredentialSearch,
  type IssuedCredentialSummary,
  type IssuerSession,
  type StatusChange,
} from "./issuer-api";
import { StatusChangeDialog } from "./status-change-dialog";

/** Rows per page of the registry. */
const PAGE_SIZE = 25;

type Filters = Required<
  Pick<CredentialSearch, "q" | "type" | "status" | "issuedFrom" | "issuedTo">
>;
const noFilters: Filters = { q: "", type: "", status: "", issuedFrom: "", issuedTo: "" };

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

export function IssuedCredentialsTable({
  session,
  initialQuery = "",
}: {
  session: IssuerSession;
  /** Opens the registry already searched (the console's `?q=` link). */
  initialQuery?: string;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [confirming, setConfirming] = useState<Change | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const [filters, setFilters] = useState<Filters>({ ...noFilters, q: initialQuery });
  const [draftQuery, setDraftQuery] = useState(initialQuery);
  const [offset, setOffset] = useState(0);
  const [amending, setAmending] = useState<IssuedCredentialSummary | null>(null);
  const [amendErrors, setAmendErrors] = useState<DraftErrors>({});
  const search = { ...filters, limit: PAGE_SIZE, offset };

  const page = useQuery({
    queryKey: queryKeys.issuerCredentialSearch(session.slug, search),
    queryFn: ({ signal }) => issuerApi.searchCredentials(session, search, signal),
    staleTime: 15_000,
    placeholderData: (previous) => previous,
  });
  const total = page.data?.total ?? 0;
  const filtered = Object.values(filters).some((v) => v !== "");

  function applyFilters(next: Partial<Filters>) {
    setFilters((f) => ({ ...f, ...next }));
    setOffset(0);
  }

  function submitSearch(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    applyFilters({ q: draftQuery.trim() });
  }

  const amend = useMutation({
    mutationFn: ({
      credential,
      subject,
    }: {
      credential: IssuedCredentialSummary;
      subject: Record<string, unknown>;
    }) => issuerApi.amendCredential(session, credential.id, subject),
    onSuccess: (result, { credential }) => {
      setAmending(null);
      setAmendErrors({});
      setOutcome({
        tone: result.superseded.anchorState === "pending" ? "warning" : "success",
        title: `Corrected the credential of ${holderOf(credential)}.`,
        detail: (
          <>
            The correction <code className="font-mono text-xs">{result.id}</code> names{" "}
            <code className="font-mono text-xs">{result.previous}</code> as the credential it
            replaces, which is now revoked as superseded
            {result.superseded.anchorState === "pending"
              ? " (pending anchor — will be anchored when the ledger is reachable)."
              : "."}{" "}
            New claim link: <code className="font-mono text-xs break-all">{result.claimUrl}</code>
          </>
        ),
      });
    },
    onError: (err) => setAmendErrors(serverFieldErrors(err)),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.issuerCredentials(session.slug) }),
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
        {page.isSuccess ? (
          <Button variant="secondary" busy={page.isFetching} onClick={() => void page.refetch()}>
            Refresh
          </Button>
        ) : null}
      </div>

      <div className="mb-3 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(4,minmax(0,1fr))]">
        <form
          role="search"
          onSubmit={submitSearch}
          className="flex items-end gap-2 sm:col-span-2 lg:col-span-1"
        >
          <div className="min-w-0 flex-1">
            <TextField
              label="Search"
              type="search"
              placeholder="Name, licence number or row key, credential id"
              value={draftQuery}
              onChange={(e) => {
                setDraftQuery(e.target.value);
                if (e.target.value === "" && filters.q !== "") applyFilters({ q: "" });
              }}
              data-testid={testIds.issuer.registrySearch}
            />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <SelectField
          label="Type"
          value={filters.type}
          onChange={(e) => applyFilters({ type: e.target.value })}
          data-testid={testIds.issuer.registryType}
        >
          <option value="">All types</option>
          {credentialTypeNames.map((t) => (
            <option key={t} value={t}>
              {credentialTypes[t].title}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(e) => applyFilters({ status: e.target.value })}
          data-testid={testIds.issuer.registryStatus}
        >
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="suspended">Suspended</option>
          <option value="revoked">Revoked</option>
        </SelectField>
        <TextField
          label="Issued from"
          type="date"
          value={filters.issuedFrom}
          max={filters.issuedTo || undefined}
          onChange={(e) => applyFilters({ issuedFrom: e.target.value })}
          data-testid={testIds.issuer.registryFrom}
        />
        <TextField
          label="Issued until"
          type="date"
          value={filters.issuedTo}
          min={filters.issuedFrom || undefined}
          onChange={(e) => applyFilters({ issuedTo: e.target.value })}
          data-testid={testIds.issuer.registryTo}
        />
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

      {page.isPending ? (
        <p role="status" className="py-8 text-center text-sm text-slate-600">
          Loading issued credentials…
        </p>
      ) : page.isError ? (
        <Alert tone="error" title="The issued credentials could not be loaded">
          <p>
            {page.error.message}
            {page.error instanceof IssuerApiError && page.error.status === 401
              ? " Sign out and sign in again with a current key."
              : null}
          </p>
          <Button
            variant="secondary"
            className="mt-2"
            busy={page.isFetching}
            onClick={() => void page.refetch()}
          >
            Try again
          </Button>
        </Alert>
      ) : page.data.items.length === 0 ? (
        filtered ? (
          <EmptyState title="No credential matches">
            Nothing issued by you matches these filters.{" "}
            <Button
              variant="ghost"
              onClick={() => {
                setDraftQuery("");
                applyFilters(noFilters);
              }}
            >
              Clear the filters
            </Button>
          </EmptyState>
        ) : (
          <EmptyState title="No credentials issued yet">
            Credentials you issue appear here with their status and ledger anchor.
          </EmptyState>
        )
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
                {page.data.items.map((credential) => (
                  <CredentialRow
                    key={credential.id}
                    credential={credential}
                    busyAction={
                      running?.credential.id === credential.id ? running.action : undefined
                    }
                    disabled={change.isPending}
                    onAction={(action) => onAction(credential, action)}
                    onAmend={
                      credential.subject && isCredentialTypeName(credential.type)
                        ? () => {
                            setAmendErrors({});
                            setAmending(credential);
                          }
                        : undefined
                    }
                  />
                ))}
              </tbody>
            </table>
          </div>
          <nav
            aria-label="Registry pages"
            className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700"
          >
            <p aria-live="polite" data-testid={testIds.issuer.registryTotal} data-total={total}>
              {offset + 1}–{offset + page.data.items.length} of {total.toLocaleString()}{" "}
              {filtered ? "matching credentials" : "credentials"}
            </p>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                disabled={offset === 0 || page.isFetching}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                data-testid={testIds.issuer.registryPrev}
              >
                Previous
              </Button>
              <Button
                variant="secondary"
                disabled={offset + PAGE_SIZE >= total || page.isFetching}
                onClick={() => setOffset(offset + PAGE_SIZE)}
                data-testid={testIds.issuer.registryNext}
              >
                Next
              </Button>
            </div>
          </nav>
        </>
      )}

      {amending && amending.subject && isCredentialTypeName(amending.type) ? (
        <AmendDialog
          type={amending.type}
          subject={amending.subject}
          holderName={holderOf(amending)}
          busy={amend.isPending}
          serverErrors={amendErrors}
          onSubmit={(subject) => amend.mutate({ credential: amending, subject })}
          onClose={() => setAmending(null)}
        />
      ) : null}

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
