"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import type { PublicLedgerConfig } from "@/lib/env";
import type { StatusListSummary } from "@/lib/issuance/list-status-lists";
import { testIds } from "@/lib/test-ids";
import type { ListHistoryQueries } from "./use-list-history";

const PAGE = 20;
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** Every anchored version of the list, newest first, as the chain records them. */
export function ListHistory({
  list,
  history: { anchors },
  ledgerConfig,
}: {
  list: StatusListSummary;
  history: ListHistoryQueries;
  ledgerConfig: PublicLedgerConfig;
}) {
  const [shown, setShown] = useState(PAGE);
  return (
    <Card className="min-w-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">Anchor history</h2>
          <p className="text-sm break-all text-slate-600">
            Contract {ledgerConfig.contractAddress} on chain {ledgerConfig.chainId}
          </p>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">Served version</dt>
          <dd>{list.servedVersion ?? "none yet"}</dd>
          <dt className="text-slate-600">Valid until</dt>
          <dd>{list.validUntil ? timeFormat.format(new Date(list.validUntil)) : "—"}</dd>
          {list.pendingVersion !== null ? (
            <>
              <dt className="text-slate-600">Pending</dt>
              <dd>
                v{list.pendingVersion}, waiting for the ledger
                {list.pendingAttempts > 0 ? ` (${list.pendingAttempts} attempts)` : ""}
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      <p className="mt-3 flex flex-wrap items-center gap-2 text-sm break-all text-slate-700">
        <span className="font-mono text-xs">{list.url}</span>
        <CopyButton value={list.url} label="Copy list URL" />
      </p>

      <div className="mt-4">
        {anchors.isPending ? (
          <p className="text-sm text-slate-600" role="status">
            Reading the history from the chain…
          </p>
        ) : anchors.isError ? (
          <div className="flex flex-wrap items-center gap-3 text-sm text-red-800" role="alert">
            The ledger could not be read: {anchors.error.message}
            <Button variant="secondary" onClick={() => void anchors.refetch()}>
              Try again
            </Button>
          </div>
        ) : anchors.data.length === 0 ? (
          <EmptyState title="Nothing anchored yet">
            The list exists but its first version has not reached the ledger.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid={testIds.ledger.historyTable}>
              <caption className="sr-only">Anchored versions, newest first</caption>
              <thead className="text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Version
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Anchored
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Block
                  </th>
                  <th scope="col" className="px-3 py-2">
                    List SHA-256
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Transaction
                  </th>
                </tr>
              </thead>
              <tbody>
                {anchors.data.slice(0, shown).map((a) => (
                  <tr
                    key={a.version}
                    className="border-t border-slate-200"
                    data-testid={testIds.ledger.historyRow}
                  >
                    <td className="px-3 py-2 font-medium">v{a.version}</td>
                    <td className="px-3 py-2">
                      <time dateTime={a.anchoredAt.toISOString()}>
                        {timeFormat.format(a.anchoredAt)}
                      </time>
                    </td>
                    <td className="px-3 py-2">{a.blockNumber.toLocaleString()}</td>
                    <td className="px-3 py-2 font-mono text-xs" title={a.hash}>
                      {a.hash.slice(0, 12)}…{a.hash.slice(-6)}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs" title={a.txHash}>
                      {a.txHash.slice(0, 12)}…{a.txHash.slice(-6)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {anchors.data.length > shown ? (
              <Button
                variant="secondary"
                className="mt-3"
                onClick={() => setShown((n) => n + PAGE)}
              >
                Show older versions ({anchors.data.length - shown} more)
              </Button>
            ) : null}
          </div>
        )}
      </div>
    </Card>
  );
}
