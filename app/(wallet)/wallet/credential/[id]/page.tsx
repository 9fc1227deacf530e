import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { CredentialPageClient } from "./page-client";

export const metadata: Metadata = { title: "Credential", robots: { index: false } };

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  // Request time, not build time: the ledger to read is the running server's configuration.
  await connection();
  const { id } = await params;
  return <CredentialPageClient id={id} ledgerConfig={publicLedgerConfig()} />;
}
