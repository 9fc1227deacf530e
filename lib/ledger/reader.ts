/**
 * Read-only access to the StatusListAnchor contract. UNIVERSAL: the same code runs in the
 * verifier's browser and on the server, so it takes everything (RPC URL, chain, address) as
 * arguments and reads no environment variables, no browser globals, no Node built-ins and no database.
 *
 * A verifier must tell "the anchor says no" apart from "the chain could not be asked": `latest`
 * returns `null` for a list that was never anchored, and throws `LedgerUnavailableError` when the
 * RPC endpoint is unreachable, answers for another chain, or has no contract at the address, so
 * the caller reports the anchor check as unknown rather than failed.
 */
import { keccak256, toBytes, toHex, zeroAddress, type Address, type Hex } from "viem";
import { statusListAnchorAbi } from "@/lib/ledger/abi";
import {
  blockRanges,
  createReadClient,
  LedgerUnavailableError,
  secondsToDate,
} from "@/lib/ledger/create-read-client";

export { LedgerUnavailableError };

export type LedgerConfig = { rpcUrl: string; chainId: number; contractAddress: Address };

export type AnchorRecord = {
  owner: Address;
  version: number;
  hash: Hex;
  uri: string;
  anchoredAt: Date;
};

export type LedgerReader = {
  latest(listKey: Hex): Promise<AnchorRecord | null>;
  history(
    listKey: Hex,
    opts?: { fromBlock?: bigint; toBlock?: bigint },
  ): Promise<Array<AnchorRecord & { txHash: Hex; blockNumber: bigint }>>;
};

export function createLedgerReader(config: LedgerConfig): LedgerReader {
  const { contractAddress } = config;
  const { client, checkChain, unavailable } = createReadClient({
    rpcUrl: config.rpcUrl,
    chainId: config.chainId,
    address: contractAddress,
    what: "ledger",
    contractName: "StatusListAnchor",
  });

  async function latest(listKey: Hex): Promise<AnchorRecord | null> {
    try {
      const [, [owner, version, hash, uri, anchoredAt]] = await Promise.all([
        checkChain(),
        client.readContract({
          address: contractAddress,
          abi: statusListAnchorAbi,
          functionName: "latest",
          args: [listKey],
        }),
      ]);
      if (owner === zeroAddress) return null;
      return { owner, version: Number(version), hash, uri, anchoredAt: secondsToDate(anchoredAt) };
    } catch (error) {
      throw unavailable(error);
    }
  }

  async function history(
    listKey: Hex,
    opts: { fromBlock?: bigint; toBlock?: bigint } = {},
  ): Promise<Array<AnchorRecord & { txHash: Hex; blockNumber: bigint }>> {
    try {
      const current = await latest(listKey);
      if (!current) return [];
      const fromBlock = opts.fromBlock ?? 0n;
      const toBlock = opts.toBlock ?? (await client.getBlockNumber());

      const records: Array<AnchorRecord & { txHash: Hex; blockNumber: bigint }> = [];
      for (const [start, end] of blockRanges(fromBlock, toBlock)) {
        const logs = await client.getContractEvents({
          address: contractAddress,
          abi: statusListAnchorAbi,
          eventName: "Anchored",
          args: { listId: listKey },
          fromBlock: start,
          toBlock: end,
          strict: true,
        });
        for (const log of logs) {
          records.push({
            // The event leaves the owner out because it never changes: whoever anchored
            // version 1 is the only account that can anchor later versions.
            owner: current.owner,
            version: Number(log.args.version),
            hash: log.args.hash,
            uri: log.args.uri,
            anchoredAt: secondsToDate(log.args.timestamp),
            txHash: log.transactionHash,
            blockNumber: log.blockNumber,
          });
        }
      }
      return records;
    } catch (error) {
      throw unavailable(error);
    }
  }

  return { latest, history };
}

/** The `bytes32` list id on chain for a status list credential URL: keccak256 of its UTF-8 bytes. */
export function statusListKey(statusListCredentialUrl: string): Hex {
  return keccak256(toBytes(statusListCredentialUrl));
}

/** SHA-256 as 0x-hex, the hash anchored for each status list version; strings are UTF-8 encoded. */
export async function sha256Hex(bytes: Uint8Array | string): Promise<Hex> {
  // copied into a fresh ArrayBuffer-backed array: WebCrypto refuses SharedArrayBuffer views
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", data);
  return toHex(new Uint8Array(digest));
}
