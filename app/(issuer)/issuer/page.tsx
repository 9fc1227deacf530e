import type { Metadata } from "next";
import { IssuerPageClient } from "./page-client";

export const metadata: Metadata = { title: "Issuer console" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Nothing to load on the server: the console asks the API who is signed in (session cookie), and
// everything it shows comes from the issuance API under that session. `?q=` opens the registry
// searched for a name, licence number, row key or credential id (links from elsewhere).
export default async function IssuerPage({ searchParams }: Props) {
  const q = (await searchParams).q;
  const query = typeof q === "string" ? q.trim().slice(0, 200) : "";
  return <IssuerPageClient initialQuery={query} />;
}
