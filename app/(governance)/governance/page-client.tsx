"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  AccreditForm,
  emptyDraft,
  type AccreditationDraft,
} from "@/components/governance/accredit-form";
import { ChangeResult } from "@/components/governance/change-result";
import { governanceApi, type RegistryChangeResult } from "@/components/governance/governance-api";
import { GovernanceSignIn } from "@/components/governance/governance-sign-in";
import { useGovernanceSession } from "@/components/governance/use-governance-session";
import { WithdrawDialog } from "@/components/governance/withdraw-dialog";
import { AccreditationList } from "@/components/registry/accreditation-list";
import { useTrustRegistry } from "@/components/registry/use-trust-registry";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useNow } from "@/components/verification/use-now";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import type { Accreditation, WithdrawalReasonId } from "@/lib/trust/schemas";

type Done = { title: string; result: RegistryChangeResult };

/**
 * The accreditation authority's console: the registry as the chain holds it, a form to accredit
 * (or re-accredit) an institution, and withdrawal behind a confirmation. Every change is one
 * transaction from the authority's account, and its hash is shown.
 */
export function GovernancePageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const queryClient = useQueryClient();
  const { key, ready, signIn, signOut } = useGovernanceSession();
  const registry = useTrustRegistry(ledgerConfig);
  const now = useNow(60_000);
  const [draft, setDraft] = useState<{ id: number; value: AccreditationDraft }>(() => ({
    id: 0,
    value: emptyDraft(),
  }));
  const [done, setDone] = useState<Done | null>(null);
  const [withdrawing, setWithdrawing] = useState<Accreditation | null>(null);

  const access = useQuery({
    queryKey: queryKeys.governanceAccess(),
    queryFn: () => governanceApi.access(key!),
    enabled: Boolean(key),
    staleTime: Infinity,
    retry: false,
  });

  const withdraw = useMutation({
    mutationFn: (input: { did: string; reason: WithdrawalReasonId }) =>
      governanceApi.withdraw(key!, input),
    onSuccess: async (result) => {
      setDone({ title: `Accreditation of ${withdrawing?.name ?? result.did} withdrawn`, result });
      setWithdrawing(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.trustRegistryAll() });
    },
  });

  function handleSignOut() {
    queryClient.removeQueries({ queryKey: queryKeys.governanceAccess() });
    setDone(null);
    signOut();
  }

  if (!ready) {
    return (
      <p role="status" className="py-16 text-center text-sm text-slate-600">
        Loading the governance console…
      </p>
    );
  }

  if (!key) {
    return (
      <>
        <PageHeader
          title="Accreditation authority"
          description="Decide which institutions may issue which doctor credentials. Verifiers everywhere read this registry from the ledger."
        />
        <GovernanceSignIn
          onSignedIn={(next, info) => {
            queryClient.setQueryData(queryKeys.governanceAccess(), info);
            signIn(next);
          }}
        />
      </>
    );
  }

  const snapshot = registry.data;
  const read = snapshot?.state === "read" ? snapshot : undefined;
  const account = access.data?.account ?? null;
  const notGovernance =
    read && account !== null && read.governance.toLowerCase() !== account.toLowerCase();

  return (
    <>
      <PageHeader
        title="Accreditation authority"
        description="Accredit institutions for credential types and periods, and withdraw accreditations. Each change is a transaction on the ledger."
        actions={
          <Button
            variant="secondary"
            onClick={handleSignOut}
            data-testid={testIds.governance.signOut}
          >
            Sign out
          </Button>
        }
      />

      <div className="mb-6 grid gap-3">
        {access.isError ? (
          <Alert tone="error" title="Your session is no longer valid">
            {access.error.message} Sign out and sign in again.
          </Alert>
        ) : null}
        {access.data && account === null ? (
          <Alert tone="warning" title="This server cannot sign for the authority">
            No governance ledger key is configured (GOVERNANCE_PRIVATE_KEY), so changes will be
            refused.
          </Alert>
        ) : null}
        {notGovernance ? (
          <Alert tone="warning" title="This server's account does not govern the registry">
            The registry is governed by{" "}
            <span className="font-mono break-all">{read.governance}</span>; this server signs as{" "}
            <span className="font-mono break-all">{account}</span>. The contract will refuse its
            changes.
          </Alert>
        ) : null}
        {account && !notGovernance ? (
          <p className="text-sm text-slate-600">
            Signing as <span className="font-mono break-all text-slate-900">{account}</span> on
            chain {ledgerConfig.chainId}, registry{" "}
            <span className="font-mono break-all text-slate-900">
              {ledgerConfig.registryAddress}
            </span>
            .
          </p>
        ) : null}
        {done ? (
          <ChangeResult title={done.title} result={done.result} onDismiss={() => setDone(null)} />
        ) : null}
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-start">
        <section aria-labelledby="registry-heading" className="min-w-0">
          <h2 id="registry-heading" className="mb-3 text-lg font-semibold text-slate-900">
            Registry
          </h2>
          {registry.isPending ? (
            <p role="status" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
              Reading the registry from the ledger…
            </p>
          ) : snapshot?.state === "unavailable" || registry.isError ? (
            <Alert tone="error" title="The registry could not be read from the ledger">
              <p>{snapshot?.state === "unavailable" ? snapshot.reason : registry.error?.message}</p>
              <Button
                variant="secondary"
                className="mt-2"
                busy={registry.isFetching}
                onClick={() => void registry.refetch()}
              >
                Try again
              </Button>
            </Alert>
          ) : read && read.issuers.length === 0 ? (
            <EmptyState title="No issuer accredited yet">
              Use the form to accredit the first institution.
            </EmptyState>
          ) : read ? (
            <AccreditationList
              issuers={read.issuers}
              now={now}
              actions={(entry) => (
                <>
                  <Button
                    variant="secondary"
                    className="min-h-9 px-3 py-1"
                    data-testid={testIds.governance.reaccredit}
                    onClick={() =>
                      setDraft((d) => ({
                        id: d.id + 1,
                        value: {
                          did: entry.did,
                          name: entry.name,
                          credentialTypes: entry.credentialTypes,
                          validFrom: emptyDraft().validFrom,
                          validUntil: entry.validUntil.slice(0, 10),
                        },
                      }))
                    }
                  >
                    {entry.withdrawnAt ? "Re-accredit" : "Edit"}
                    <span className="sr-only"> {entry.name}</span>
                  </Button>
                  {entry.withdrawnAt ? null : (
                    <Button
                      variant="danger"
                      className="min-h-9 px-3 py-1"
                      data-testid={testIds.governance.withdraw}
                      onClick={() => {
                        withdraw.reset();
                        setWithdrawing(entry);
                      }}
                    >
                      Withdraw<span className="sr-only"> {entry.name}</span>
                    </Button>
                  )}
                </>
              )}
            />
          ) : null}
        </section>

        <AccreditForm
          key={draft.id}
          sessionKey={key}
          initial={draft.value}
          onAccredited={(result, accredited) => {
            setDone({ title: `${accredited.name} accredited`, result });
            setDraft((d) => ({ id: d.id + 1, value: emptyDraft() }));
          }}
        />
      </div>

      {withdrawing ? (
        <WithdrawDialog
          issuerName={withdrawing.name}
          did={withdrawing.did}
          busy={withdraw.isPending}
          error={withdraw.error?.message}
          onConfirm={(reason) => withdraw.mutate({ did: withdrawing.did, reason })}
          onClose={() => setWithdrawing(null)}
        />
      ) : null}
    </>
  );
}
