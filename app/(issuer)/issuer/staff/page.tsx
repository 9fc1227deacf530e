import type { Metadata } from "next";
import { StaffPageClient } from "./page-client";

export const metadata: Metadata = { title: "Staff · Issuer console" };

export default async function StaffPage() {
  return <StaffPageClient />;
}
