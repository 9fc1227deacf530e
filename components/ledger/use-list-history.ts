"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { PublicLedgerConfig } from "@/lib/env";
import { createLedgerReader, sha256Hex, statusListKey } from "@/lib/ledger/reader";
import { queryKeys } from "@/lib/query-keys";

export type AnchorEntry = {
  version: number;
  hash: string;
  uri: string;
  anchoredAt: Date;
  txHash: string;
  blockNumber: number;
};

export type ServedList = { hash: string; bytes: number; fetchedAt: Date };

/**
 * Reads a list's full anchor history from the chain (paged eth_getLogs, in the browser) and the
 * list the issuer serves now, hashed here, so the page can say which anchored version it is.
 */
export function useListHistory(ledgerConfig: PublicLedgerConfig, listUrl: string) {
  const reader = useMemo(() => createLedgerReader(ledgerConfig), [ledgerConfig]);
  const anchors = useQuery({
    queryKey: queryKeys.ledger.history(listUrl),
    queryFn: async (): Promise<AnchorEntry[]> => {
      const records = await reader.history(statusListKey(listUrl));
      return records
        .map((r) => ({
          version: r.version,
          hash: r.hash,
          uri: r.uri,
          anchoredAt: r.anchoredAt,
          txHash: r.txHash,
          blockNumber: Number(r.blockNumber),
        }))
        .sort((a, b) => b.version - a.version);
    },
    retry: 1,
  });
  const served = useQuery({
    queryKey: queryKeys.ledger.served(listUrl),
    queryFn: async (): Promise<ServedList> => {
      const res = await fetch(listUrl, { cache: "no-store" });
      if (!res.ok) throw new Error(`The issuer's server answered ${res.status}.`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { hash: await sha256Hex(bytes), bytes: bytes.length, fetchedAt: new Date() };
    },
    retry: 1,
  });
  return { anchors, served };
}

export type ListHistoryQueries = ReturnType<typeof useListHistory>;
