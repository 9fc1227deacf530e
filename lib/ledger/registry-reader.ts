/**
 * Read-only access to the IssuerRegistry contract (the on-chain trust registry). UNIVERSAL, like
 * reader.ts: the verifier's browser and the server run the same code, so everything (RPC URL,
 * chain, address) is passed in and nothing touches the environment, the DOM or Node.
 *
 * `snapshot()` reads the whole registry at one block: the block number, then the governance
 * account, the entry count and every page at that block, so a snapshot never mixes two states.
 * A snapshot of an unchanged chain is served from memory: a verifier that reads the registry for
 * every credential costs one `eth_blockNumber` per check until something is mined.
 *
 * `history()` reads every event since the registry's deployment block through paged `eth_getLogs`.
 * Both throw `LedgerUnavailableError` when the chain cannot be asked (unreachable, another chain,
 * no contract at the address), so callers report "unknown", never "not accredited".
 */
import type { Address, Hex } from "viem";
import { issuerRegistryAbi } from "@/lib/ledger/abi";
import { blockRanges, createReadClient, secondsToDate } from "@/lib/ledger/create-read-client";

export type RegistryConfig = { rpcUrl: string; chainId: number; registryAddress: Address };

export type RegistryEntry = {
  did: string;
  name: string;
  credentialTypes: string[];
  validFrom: Date;
  validUntil: Date;
  withdrawnAt: Date | null;
  withdrawalReason: number | null;
  updatedAt: Date;
};

export type RegistrySnapshot = {
  chainId: number;
  registryAddress: Address;
  governance: Address;
  blockNumber: bigint;
  issuers: RegistryEntry[];
};

type EventBase = { txHash: Hex; blockNumber: bigint; logIndex: number };

export type RegistryEvent =
  | (EventBase & {
      kind: "accredited";
      did: string;
      name: string;
      credentialTypes: string[];
      validFrom: Date;
      validUntil: Date;
      at: Date;
    })
  | (EventBase & { kind: "withdrawn"; did: string; reason: number; at: Date })
  | (EventBase & {
      kind: "governance-transferred";
      previousGovernance: Address;
      newGovernance: Address;
    });

export type RegistryReader = {
  snapshot(): Promise<RegistrySnapshot>;
  history(opts?: { fromBlock?: bigint; toBlock?: bigint }): Promise<RegistryEvent[]>;
};

/** The contract's MAX_PAGE. */
const entriesPerPage = 100n;

export function createRegistryReader(config: RegistryConfig): RegistryReader {
  const { chainId, registryAddress } = config;
  const { client, checkChain, unavailable } = createReadClient({
    rpcUrl: config.rpcUrl,
    chainId,
    address: registryAddress,
    what: "trust registry",
    contractName: "IssuerRegistry",
  });
  const contract = { address: registryAddress, abi: issuerRegistryAbi } as const;

  let cached: RegistrySnapshot | undefined;

  async function snapshot(): Promise<RegistrySnapshot> {
    try {
      const [, blockNumber] = await Promise.all([checkChain(), client.getBlockNumber()]);
      if (cached && cached.blockNumber === blockNumber) return cached;
      const at = { blockNumber } as const;
      const [governance, count] = await Promise.all([
        client.readContract({ ...contract, functionName: "governance", ...at }),
        client.readContract({ ...contract, functionName: "issuerCount", ...at }),
      ]);
      const pages: Array<Promise<readonly RawEntry[]>> = [];
      for (let offset = 0n; offset < count; offset += entriesPerPage) {
        pages.push(
          client.readContract({
            ...contract,
            functionName: "issuers",
            args: [offset, entriesPerPage],
            ...at,
          }),
        );
      }
      const issuers = (await Promise.all(pages)).flat().map(entryOf);
      cached = { chainId, registryAddress, governance, blockNumber, issuers };
      return cached;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async function history(
    opts: { fromBlock?: bigint; toBlock?: bigint } = {},
  ): Promise<RegistryEvent[]> {
    try {
      await checkChain();
      const [fromBlock, toBlock] = await Promise.all([
        opts.fromBlock ?? client.readContract({ ...contract, functionName: "deployedAtBlock" }),
        opts.toBlock ?? client.getBlockNumber(),
      ]);
      const events: RegistryEvent[] = [];
      for (const [start, end] of blockRanges(fromBlock, toBlock)) {
        const logs = await client.getContractEvents({
          ...contract,
          fromBlock: start,
          toBlock: end,
          strict: true,
        });
        for (const log of logs) {
          const base = {
            txHash: log.transactionHash,
            blockNumber: log.blockNumber,
            logIndex: log.logIndex,
          };
          if (log.eventName === "IssuerAccredited") {
            events.push({
              ...base,
              kind: "accredited",
              did: log.args.did,
              name: log.args.name,
              credentialTypes: [...log.args.credentialTypes],
              validFrom: secondsToDate(log.args.validFrom),
              validUntil: secondsToDate(log.args.validUntil),
              at: secondsToDate(log.args.timestamp),
            });
          } else if (log.eventName === "AccreditationWithdrawn") {
            events.push({
              ...base,
              kind: "withdrawn",
              did: log.args.did,
              reason: log.args.reason,
              at: secondsToDate(log.args.timestamp),
            });
          } else if (log.eventName === "GovernanceTransferred") {
            events.push({
              ...base,
              kind: "governance-transferred",
              previousGovernance: log.args.previousGovernance,
              newGovernance: log.args.newGovernance,
            });
          }
        }
      }
      return events;
    } catch (error) {
      throw unavailable(error);
    }
  }

  return { snapshot, history };
}

type RawEntry = {
  did: string;
  name: string;
  credentialTypes: readonly string[];
  validFrom: bigint;
  validUntil: bigint;
  withdrawnAt: bigint;
  withdrawalReason: number;
  updatedAt: bigint;
};

function entryOf(raw: RawEntry): RegistryEntry {
  const withdrawn = raw.withdrawnAt !== 0n;
  return {
    did: raw.did,
    name: raw.name,
    credentialTypes: [...raw.credentialTypes],
    validFrom: secondsToDate(raw.validFrom),
    validUntil: secondsToDate(raw.validUntil),
    withdrawnAt: withdrawn ? secondsToDate(raw.withdrawnAt) : null,
    withdrawalReason: withdrawn ? raw.withdrawalReason : null,
    updatedAt: secondsToDate(raw.updatedAt),
  };
}
