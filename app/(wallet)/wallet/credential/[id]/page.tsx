import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { connection } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { localeCookie } from "@/lib/i18n/locales";
import { walletMessagesFor } from "@/lib/i18n/wallet-messages";
import { CredentialPageClient } from "./page-client";

/** The tab's title in the doctor's language (the wallet layout's choice). */
async function walletText() {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return walletMessagesFor(cookieStore.get(localeCookie)?.value, headerList.get("accept-language"));
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await walletText()).detail.tabTitle, robots: { index: false } };
}

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  // Request time, not build time: the ledger to read is the running server's configuration.
  await connection();
  const { id } = await params;
  return <CredentialPageClient id={id} ledgerConfig={publicLedgerConfig()} />;
}
