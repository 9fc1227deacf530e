"use client";

import { AccreditationList } from "@/components/registry/accreditation-list";
import { accreditationStanding } from "@/components/registry/accreditation-status";
import { RegistryHistory } from "@/components/registry/registry-history";
import {
  useTrustRegistry,
  useTrustRegistryHistory,
} from "@/components/registry/use-trust-registry";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useNow } from "@/components/verification/use-now";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";

/**
 * The public trust registry: who may issue which doctor credentials, read by this browser straight
 * from the IssuerRegistry contract, with the full change history from the chain's event log.
 */
export function RegistryPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const snapshot = useTrustRegistry(ledgerConfig);
  const history = useTrustRegistryHistory(ledgerConfig);
  const now = useNow(60_000);

  const data = snapshot.data;
  const read = data?.state === "read" ? data : undefined;
  const sorted = read
    ? [...read.issuers].sort((a, b) => {
        const rank = (x: typeof a) => (accreditationStanding(x, now) === "accredited" ? 0 : 1);
        return rank(a) - rank(b) || a.name.localeCompare(b.name);
      })
    : [];
  const inForce = sorted.filter((e) => accreditationStanding(e, now) === "accredited").length;
  const names = new Map(read?.issuers.map((e) => [e.did, e.name]));

  return (
    <>
      <PageHeader
        title="Trust registry"
        description="The institutions the accreditation authority allows to issue doctors' credentials, and for which kinds. Verifiers check every credential against this list; it lives on the ledger, so nobody can change it unseen."
      />

      <Card className="mb-6 grid gap-3 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <p className="text-slate-600">Registry contract</p>
          <div className="mt-0.5 flex flex-wrap items-center gap-2">
            <code
              className="font-mono text-xs break-all text-slate-900"
              data-testid={testIds.registry.address}
            >
              {ledgerConfig.registryAddress}
            </code>
            <CopyButton value={ledgerConfig.registryAddress} label="registry contract address" />
          </div>
        </div>
        <div className="min-w-0">
          <p className="text-slate-600">Read from</p>
          <p className="mt-0.5 text-slate-900">
            Chain {ledgerConfig.chainId}
            {read ? `, block ${read.blockNumber}` : ""}
          </p>
          {read ? (
            <p className="mt-0.5 text-xs break-all text-slate-600">
              Accreditation authority: <span className="font-mono">{read.governance}</span>
            </p>
          ) : null}
        </div>
      </Card>

      <section aria-labelledby="issuers-heading" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="issuers-heading" className="text-lg font-semibold text-slate-900">
            Issuers
          </h2>
          {read ? (
            <p className="text-sm text-slate-600">
              {inForce} accredited · {read.issuers.length - inForce} not in force
            </p>
          ) : null}
        </div>
        {snapshot.isPending ? (
          <p role="status" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
            Reading the registry from the ledger…
          </p>
        ) : data?.state === "unavailable" || snapshot.isError ? (
          <Alert tone="error" title="The registry could not be read from the ledger">
            <p>
              {data?.state === "unavailable" ? data.reason : snapshot.error?.message} Verifiers
              report issuer accreditation as unknown until it can be read.
            </p>
            <Button
              variant="secondary"
              className="mt-2"
              busy={snapshot.isFetching}
              onClick={() => void snapshot.refetch()}
            >
              Try again
            </Button>
          </Alert>
        ) : sorted.length === 0 ? (
          <EmptyState title="No issuer has been accredited yet">
            The accreditation authority has not added any institution to this registry.
          </EmptyState>
        ) : (
          <AccreditationList issuers={sorted} now={now} />
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-1 text-lg font-semibold text-slate-900">
          Change history
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Every accreditation and withdrawal, newest first, from the contract&apos;s event log.
        </p>
        {history.isPending ? (
          <p role="status" className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
            Reading the event log…
          </p>
        ) : history.isError ? (
          <Alert tone="error" title="The change history could not be read">
            <p>{history.error.message}</p>
            <Button
              variant="secondary"
              className="mt-2"
              busy={history.isFetching}
              onClick={() => void history.refetch()}
            >
              Try again
            </Button>
          </Alert>
        ) : (
          <RegistryHistory events={history.data} names={names} />
        )}
      </section>
    </>
  );
}
