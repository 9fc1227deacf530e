/**
 * The read-only viem client both ledger readers use (StatusListAnchor in reader.ts, IssuerRegistry
 * in registry-reader.ts), with what they share: short RPC budgets, a chain-id check made once per
 * client, block ranges for paged `eth_getLogs`, and one mapping of every failure to
 * `LedgerUnavailableError` so callers report "unknown", never a verdict. UNIVERSAL: everything is
 * passed in; nothing reads the environment, the DOM or Node.
 */
import {
  BaseError,
  ContractFunctionZeroDataError,
  createPublicClient,
  http,
  type Address,
  type PublicClient,
} from "viem";
import { AppError } from "@/lib/errors";

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

export type ReadClient = {
  client: PublicClient;
  /** Resolves when the endpoint serves the expected chain; checked once, retried after a failure. */
  checkChain(): Promise<void>;
  /** Any failure as LedgerUnavailableError, naming only the RPC host (URLs may carry API keys). */
  unavailable(error: unknown): LedgerUnavailableError;
};

export function createReadClient(opts: {
  rpcUrl: string;
  chainId: number;
  address: Address;
  /** For messages: "ledger" / "StatusListAnchor", "trust registry" / "IssuerRegistry". */
  what: string;
  contractName: string;
}): ReadClient {
  const { rpcUrl, chainId, address } = opts;
  const client = createPublicClient({
    transport: http(rpcUrl, { timeout: rpcTimeoutMs, retryCount: 1 }),
    // viem caches eth_blockNumber for 4 s by default: a history read would miss the newest
    // events, and the registry's snapshot cache (keyed on the block) would hide a withdrawal.
    cacheTime: 0,
  });

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

  function unavailable(error: unknown): LedgerUnavailableError {
    if (error instanceof LedgerUnavailableError) return error;
    // eth_call to an address without code "returns no data (0x)"
    const noCode =
      error instanceof BaseError &&
      error.walk((e) => e instanceof ContractFunctionZeroDataError) !== null;
    const reason = noCode
      ? `no ${opts.contractName} contract at ${address}`
      : error instanceof BaseError
        ? error.shortMessage
        : String(error);
    return new LedgerUnavailableError(`${opts.what} unavailable at ${hostOf(rpcUrl)}: ${reason}`, {
      cause: error,
    });
  }

  return { client: client as PublicClient, checkChain, unavailable };
}

/** [from, to] block ranges of at most 10,000 blocks covering fromBlock..toBlock. */
export function* blockRanges(fromBlock: bigint, toBlock: bigint): Generator<[bigint, bigint]> {
  for (let start = fromBlock; start <= toBlock; start += logPageSize) {
    yield [start, start + logPageSize - 1n < toBlock ? start + logPageSize - 1n : toBlock];
  }
}

/** Contract timestamps are uint64 seconds. */
export function secondsToDate(seconds: bigint): Date {
  return new Date(Number(seconds) * 1000);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid RPC URL)";
  }
}
