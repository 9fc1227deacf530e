import type { Metadata } from "next";
import { ApiKeysPageClient } from "./page-client";

export const metadata: Metadata = { title: "API keys · Issuer console" };

export default async function ApiKeysPage() {
  return <ApiKeysPageClient />;
}
