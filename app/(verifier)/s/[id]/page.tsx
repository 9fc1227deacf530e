import type { Metadata } from "next";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { DossierPageClient } from "./page-client";

export const metadata: Metadata = {
  title: "Shared dossier",
  // The path names a share; keep it out of search engines and out of Referer headers.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function DossierPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  return <DossierPageClient id={id} ledgerConfig={publicLedgerConfig()} />;
}
