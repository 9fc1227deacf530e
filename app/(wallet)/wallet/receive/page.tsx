import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { ReceivePageClient } from "./page-client";

export const metadata: Metadata = {
  title: "Receive from another issuer",
  robots: { index: false },
};

export default async function ReceivePage() {
  // Request time, not build time: the ledger to read is the running server's configuration.
  await connection();
  return <ReceivePageClient ledgerConfig={publicLedgerConfig()} />;
}
