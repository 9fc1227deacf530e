"use client";

import { useQuery } from "@tanstack/react-query";
import { trustSnapshotQuery } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { createRegistryReader } from "@/lib/ledger/registry-reader";
import { queryKeys } from "@/lib/query-keys";

/** The registry snapshot, read by this browser from the chain (shared with the verifier's cache). */
export function useTrustRegistry(ledgerConfig: PublicLedgerConfig) {
  return useQuery(trustSnapshotQuery(ledgerConfig));
}

/** Every registry event since deployment, newest first, read through paged eth_getLogs. */
export function useTrustRegistryHistory(ledgerConfig: PublicLedgerConfig) {
  const { rpcUrl, chainId, registryAddress } = ledgerConfig;
  return useQuery({
    queryKey: queryKeys.trustRegistryHistory(chainId, registryAddress),
    queryFn: async () => {
      const events = await createRegistryReader({ rpcUrl, chainId, registryAddress }).history();
      return events.reverse();
    },
    staleTime: 60_000,
  });
}
