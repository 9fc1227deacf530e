import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { RegistryPageClient } from "./page-client";

export const metadata: Metadata = { title: "Trust registry" };

export default async function RegistryPage() {
  // Which chain and contract to read is deployment configuration: read it per request.
  await connection();
  return <RegistryPageClient ledgerConfig={publicLedgerConfig()} />;
}
