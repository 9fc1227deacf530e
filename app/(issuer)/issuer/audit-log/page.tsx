import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { AuditLogPageClient } from "./page-client";

export const metadata: Metadata = { title: "Audit log · Issuer console" };

export default async function AuditLogPage() {
  // The ledger to read is deployment configuration: read it per request, not at build time.
  await connection();
  return <AuditLogPageClient ledgerConfig={publicLedgerConfig()} />;
}
