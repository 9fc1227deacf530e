import type { Metadata } from "next";
import { RequestPageClient } from "./page-client";

export const metadata: Metadata = { title: "Request credentials from a doctor" };

export default function RequestPage() {
  return <RequestPageClient />;
}
