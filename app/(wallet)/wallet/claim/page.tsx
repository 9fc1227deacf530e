import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { ClaimPageClient } from "./page-client";

export const metadata: Metadata = { title: "Add a credential", robots: { index: false } };

export default async function ClaimPage() {
  // Request time, not build time: the ledger to read is the running server's configuration.
  await connection();
  return <ClaimPageClient ledgerConfig={publicLedgerConfig()} />;
}
