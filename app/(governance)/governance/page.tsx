import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { GovernancePageClient } from "./page-client";

export const metadata: Metadata = { title: "Accreditation authority" };

// The console signs in with the governance key held in this tab's session; it reads the registry
// from the chain like any verifier and writes through the governance API.
export default async function GovernancePage() {
  await connection();
  return <GovernancePageClient ledgerConfig={publicLedgerConfig()} />;
}
