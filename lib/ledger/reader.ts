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
import {
  BaseError,
  ContractFunctionZeroDataError,
  createPublicClient,
  http,
  keccak256,
  toBytes,
  toHex,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { AppError } from "@/lib/errors";
import { statusListAnchorAbi } from "@/lib/ledger/abi";

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

export class LedgerUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("LEDGER_UNAVAILABLE", message);
    this.name = "LedgerUnavailableError";
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

// Short, so a verifier whose chain is down answers "unknown" in seconds rather than hanging.
const rpcTimeoutMs = 5_000;
// Public RPC endpoints commonly cap eth_getLogs ranges at 10k blocks.
const logPageSize = 10_000n;

export function createLedgerReader(config: LedgerConfig): LedgerReader {
  const { rpcUrl, chainId, contractAddress } = config;
  const client = createPublicClient({
    transport: http(rpcUrl, { timeout: rpcTimeoutMs, retryCount: 1 }),
    // viem caches eth_blockNumber for 4 s by default: a history read would miss the newest anchors.
    cacheTime: 0,
  });

  // Checked once per reader, on first use; a failed check is retried next time.
  let chainChecked: Promise<void> | undefined;
  function checkChain(): Promise<void> {
    chainChecked ??= client.getChainId().then(
      (actual) => {
        if (actual !== chainId) {
          throw new LedgerUnavailableError(
            `the RPC endpoint serves chain ${actual}, expected chain ${chainId}`,
          );
        }
      },
      (error: unknown) => {
        chainChecked = undefined;
        throw error;
      },
    );
    return chainChecked;
  }

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
      throw unavailable(error, rpcUrl, contractAddress);
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
      for (let start = fromBlock; start <= toBlock; start += logPageSize) {
        const end = start + logPageSize - 1n < toBlock ? start + logPageSize - 1n : toBlock;
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
      throw unavailable(error, rpcUrl, contractAddress);
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

function secondsToDate(seconds: bigint): Date {
  return new Date(Number(seconds) * 1000);
}

function unavailable(error: unknown, rpcUrl: string, address: Address): LedgerUnavailableError {
  if (error instanceof LedgerUnavailableError) return error;
  // eth_call to an address without code "returns no data (0x)"
  const noCode =
    error instanceof BaseError &&
    error.walk((e) => e instanceof ContractFunctionZeroDataError) !== null;
  const reason = noCode
    ? `no StatusListAnchor contract at ${address}`
    : error instanceof BaseError
      ? error.shortMessage
      : String(error);
  // Only the host: hosted RPC URLs often carry an API key in the path or query.
  return new LedgerUnavailableError(`ledger unavailable at ${hostOf(rpcUrl)}: ${reason}`, {
    cause: error,
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid RPC URL)";
  }
}
