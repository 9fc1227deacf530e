"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { PublicLedgerConfig } from "@/lib/env";
import { createRegistryReader } from "@/lib/ledger/registry-reader";
import { queryKeys } from "@/lib/query-keys";
import { readTrustSnapshot } from "@/lib/trust/read-trust-snapshot";
import { createBrowserVerifier } from "./create-browser-verifier";

/**
 * The trust registry, read by this browser straight from the chain (the IssuerRegistry contract),
 * not from Vitae's server. Read once per page and kept for a minute, not per credential. A chain
 * that cannot be read gives an "unavailable" snapshot rather than an error, so every other check
 * still runs and the trust check says "could not be checked".
 */
export function trustSnapshotQuery(ledgerConfig: PublicLedgerConfig) {
  const { rpcUrl, chainId, registryAddress } = ledgerConfig;
  return queryOptions({
    queryKey: queryKeys.trustRegistry(chainId, registryAddress),
    queryFn: () =>
      readTrustSnapshot(createRegistryReader({ rpcUrl, chainId, registryAddress }), {
        chainId,
        address: registryAddress,
      }),
    staleTime: 60_000,
  });
}

/** Returns `verify` once the snapshot is in, with the query's loading and error state. */
export function useBrowserVerifier(ledgerConfig: PublicLedgerConfig) {
  const trust = useQuery(trustSnapshotQuery(ledgerConfig));
  const verify = useMemo(
    () => (trust.data ? createBrowserVerifier(ledgerConfig, trust.data) : undefined),
    [ledgerConfig, trust.data],
  );
  return { verify, trustError: trust.error, trustLoading: trust.isPending };
}
