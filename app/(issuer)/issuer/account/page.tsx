import type { Metadata } from "next";
import { AccountPageClient } from "./page-client";

export const metadata: Metadata = { title: "Your password · Issuer console" };

export default async function AccountPage() {
  return <AccountPageClient />;
}
