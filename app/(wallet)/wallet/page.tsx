import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { WalletPageClient } from "./page-client";

export const metadata: Metadata = { title: "My wallet" };

export default async function WalletPage() {
  // Request time, not build time: the ledger to read is the running server's configuration.
  await connection();
  return <WalletPageClient ledgerConfig={publicLedgerConfig()} />;
}
