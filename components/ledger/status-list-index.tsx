import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import type { PublicLedgerConfig } from "@/lib/env";
import type { StatusListSummary } from "@/lib/issuance/list-status-lists";
import { testIds } from "@/lib/test-ids";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Every status list Vitae serves, with the version the ledger vouches for. */
export function StatusListIndex({
  lists,
  ledgerConfig,
}: {
  lists: StatusListSummary[];
  ledgerConfig: PublicLedgerConfig;
}) {
  return (
    <div>
      <PageHeader
        title="Ledger"
        description="Each issuer's revocation and suspension lists. Every version is anchored on the ledger, so nobody (not even the issuer) can quietly serve an old or edited list. Open a list to audit its full history."
      />
      <Card className="mb-6">
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">Chain</dt>
          <dd>{ledgerConfig.chainId}</dd>
          <dt className="text-slate-600">Anchor contract</dt>
          <dd className="font-mono text-xs break-all">{ledgerConfig.contractAddress}</dd>
          <dt className="text-slate-600">Public RPC</dt>
          <dd className="font-mono text-xs break-all">{ledgerConfig.rpcUrl}</dd>
        </dl>
      </Card>
      {lists.length === 0 ? (
        <EmptyState title="No status lists yet">
          An issuer&apos;s first credential opens its revocation and suspension lists.
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm" data-testid={testIds.ledger.listIndex}>
            <caption className="sr-only">Status lists</caption>
            <thead className="text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">
                  List
                </th>
                <th scope="col" className="px-4 py-3">
                  Issuer
                </th>
                <th scope="col" className="px-4 py-3">
                  Served version
                </th>
                <th scope="col" className="px-4 py-3">
                  Anchored
                </th>
              </tr>
            </thead>
            <tbody>
              {lists.map((l) => (
                <tr key={l.id} className="border-t border-slate-200">
                  <td className="px-4 py-3">
                    <Link
                      href={`/ledger/${l.id}`}
                      className="text-brand-700 font-medium hover:underline"
                    >
                      {l.purpose === "revocation" ? "Revocation" : "Suspension"} list {l.series}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{l.issuer.name}</td>
                  <td className="px-4 py-3">
                    {l.servedVersion === null ? "—" : `v${l.servedVersion}`}
                    {l.pendingVersion !== null ? (
                      <span className="ml-2">
                        <Badge tone="warning">v{l.pendingVersion} pending</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3">
                    {l.anchoredAt ? (
                      <time dateTime={l.anchoredAt}>
                        {timeFormat.format(new Date(l.anchoredAt))}
                      </time>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
