import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { RosterPageClient } from "./page-client";

export const metadata: Metadata = { title: "Verify a roster" };

export default async function RosterPage() {
  // The ledger to read is deployment configuration: read it per request, not at build time.
  await connection();
  return <RosterPageClient ledgerConfig={publicLedgerConfig()} />;
}
