"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { createPublicClient, http } from "viem";
import type { PublicLedgerConfig } from "@/lib/env";
import { createLedgerReader, statusListKey } from "@/lib/ledger/reader";
import { queryKeys } from "@/lib/query-keys";
import type { AnchorTransaction } from "./build-verification-export";

// The anchoring worker re-anchors every list at half its 24 h validity, so the version a valid
// check matched was mined recently: searching back this far finds it on any chain with block
// times of a second or more, without reading the whole chain's logs from genesis.
const pageSize = 10_000n;
const maxPages = 10;

/**
 * The transaction that anchored the list version the anchor check matched, read from the chain
 * in this browser (eth_getLogs, newest blocks first). It is evidence for the printed receipt and
 * the JSON export; the verdict never depends on it, so a failed read is simply left out.
 */
export function useAnchorTransaction(
  ledgerConfig: PublicLedgerConfig | undefined,
  listUrl: string | undefined,
  version: number | undefined,
) {
  return useQuery({
    queryKey: queryKeys.ledger.anchorTransaction(listUrl ?? "", version ?? -1),
    queryFn:
      ledgerConfig && listUrl && version !== undefined
        ? () => findAnchorTransaction(ledgerConfig, listUrl, version)
        : skipToken,
    staleTime: Infinity,
    retry: 1,
  });
}

async function findAnchorTransaction(
  ledgerConfig: PublicLedgerConfig,
  listUrl: string,
  version: number,
): Promise<AnchorTransaction | null> {
  const reader = createLedgerReader(ledgerConfig);
  const client = createPublicClient({ transport: http(ledgerConfig.rpcUrl, { timeout: 5_000 }) });
  const key = statusListKey(listUrl);
  let toBlock = await client.getBlockNumber();
  for (let page = 0; page < maxPages && toBlock >= 0n; page++) {
    const fromBlock = toBlock >= pageSize ? toBlock - pageSize + 1n : 0n;
    const records = await reader.history(key, { fromBlock, toBlock });
    const match = records.find((r) => r.version === version);
    if (match) return { txHash: match.txHash, blockNumber: Number(match.blockNumber) };
    // Versions only grow: once older ones show up, the one sought is not further back.
    if (records.some((r) => r.version < version) || fromBlock === 0n) return null;
    toBlock = fromBlock - 1n;
  }
  return null;
}
