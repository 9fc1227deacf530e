import type { Metadata } from "next";
import { publicLedgerConfig } from "@/lib/env";
import { PresentPageClient } from "./page-client";

export const metadata: Metadata = { title: "Answer a request", robots: { index: false } };

export default async function PresentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { request } = await searchParams;
  return (
    <PresentPageClient
      requestId={typeof request === "string" ? request : null}
      ledgerConfig={publicLedgerConfig()}
    />
  );
}
