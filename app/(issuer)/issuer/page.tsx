import type { Metadata } from "next";
import { IssuerPageClient } from "./page-client";

export const metadata: Metadata = { title: "Issuer console" };

// Nothing to load on the server: the console asks the API who is signed in (session cookie), and
// everything it shows comes from the issuance API under that session.
export default async function IssuerPage() {
  return <IssuerPageClient />;
}
