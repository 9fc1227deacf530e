import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { VerifyPageClient } from "./page-client";

export const metadata: Metadata = { title: "Verify a credential" };

export default async function VerifyPage() {
  // The ledger to read is deployment configuration: read it per request, not at build time.
  await connection();
  return <VerifyPageClient ledgerConfig={publicLedgerConfig()} />;
}
