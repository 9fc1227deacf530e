import type { Metadata } from "next";
import { IssuerPageClient } from "./page-client";

export const metadata: Metadata = { title: "Issuer console" };

// Nothing to load on the server: the console signs in with an API key held in the browser's
// session, and everything it shows comes from the issuance API with that key.
export default async function IssuerPage() {
  return <IssuerPageClient />;
}
