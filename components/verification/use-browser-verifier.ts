"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { trustSnapshotSchema, type TrustSnapshot } from "@/lib/trust/schemas";
import { createBrowserVerifier } from "./create-browser-verifier";

async function fetchTrustSnapshot(): Promise<TrustSnapshot> {
  const res = await fetch("/api/v1/issuers", { cache: "no-store" });
  if (!res.ok) throw new Error(`The issuer directory answered ${res.status}.`);
  const issuers: unknown = await res.json();
  return trustSnapshotSchema.parse({
    issuers,
    source: "/api/v1/issuers",
    fetchedAt: new Date().toISOString(),
  });
}

/**
 * The trust snapshot is fetched once per page and cached for five minutes, not per credential.
 * Returns `verify` once the snapshot is in, with the query's loading and error state.
 */
export function useBrowserVerifier(ledgerConfig: PublicLedgerConfig) {
  const trust = useQuery({
    queryKey: queryKeys.issuers(),
    queryFn: fetchTrustSnapshot,
    staleTime: 5 * 60_000,
  });
  const verify = useMemo(
    () => (trust.data ? createBrowserVerifier(ledgerConfig, trust.data) : undefined),
    [ledgerConfig, trust.data],
  );
  return { verify, trustError: trust.error, trustLoading: trust.isPending };
}
