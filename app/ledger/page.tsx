import type { Metadata } from "next";
import { connection } from "next/server";
import { StatusListIndex } from "@/components/ledger/status-list-index";
import { publicLedgerConfig } from "@/lib/env";
import { listStatusLists } from "@/lib/issuance/list-status-lists";
import { getServices } from "@/lib/issuance/services";

export const metadata: Metadata = { title: "Ledger — status lists" };

export default async function LedgerPage() {
  await connection();
  const lists = await listStatusLists(await getServices());
  return <StatusListIndex lists={lists} ledgerConfig={publicLedgerConfig()} />;
}
