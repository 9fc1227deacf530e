"use client";

import Link from "next/link";
import { ListHistory } from "@/components/ledger/list-history";
import { ServedListCheck } from "@/components/ledger/served-list-check";
import { PageHeader } from "@/components/ui/page-header";
import type { PublicLedgerConfig } from "@/lib/env";
import type { StatusListSummary } from "@/lib/issuance/list-status-lists";
import { useListHistory } from "@/components/ledger/use-list-history";

export function ListHistoryPageClient({
  list,
  ledgerConfig,
}: {
  list: StatusListSummary;
  ledgerConfig: PublicLedgerConfig;
}) {
  const history = useListHistory(ledgerConfig, list.url);
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link href="/ledger" className="text-brand-700 hover:underline">
          ← All status lists
        </Link>
      </p>
      <PageHeader
        title={`${list.issuer.name}: ${list.purpose} list ${list.series}`}
        description={
          <>
            Every version of this list is anchored on the ledger. This page reads the history
            straight from the chain in your browser, and checks the list the issuer serves now
            against it. Anyone can audit it.
          </>
        }
      />
      <div className="grid min-w-0 grid-cols-1 gap-6">
        <ServedListCheck list={list} history={history} />
        <ListHistory list={list} history={history} ledgerConfig={ledgerConfig} />
      </div>
    </div>
  );
}
