import "server-only";
/**
 * The only code that sends transactions to the ledger. SERVER only: it handles issuers' ledger
 * private keys, which never leave this process and are never logged.
 *
 * Every anchor is simulated first, so the contract's custom errors come back decoded as an
 * `AnchorRejectedError` before any gas is spent. Sends from one account are serialized in-process
 * (see `serializeByAccount`) because viem picks each nonce from the node's pending count: two
 * concurrent sends from the same account would otherwise pick the same nonce. Receipts are awaited
 * outside the queue, so a burst of anchors to different lists still lands in few blocks.
 *
 * Anchors of the same list must still be awaited in order by the caller: version n+1 is simulated
 * against the chain state that includes version n only once n is mined.
 *
 * Setting up a ledger lives here too (deploying StatusListAnchor, funding issuer accounts): the
 * dev orchestrator and tests use it against anvil; production deploys once and configures
 * ANCHOR_CONTRACT_ADDRESS.
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  defineChain,
  HttpRequestError,
  http,
  parseEther,
  parseEventLogs,
  TimeoutError,
  WaitForTransactionReceiptTimeoutError,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import artifact from "@/contracts/artifacts/StatusListAnchor.json";
import { AppError } from "@/lib/errors";
import { statusListAnchorAbi } from "@/lib/ledger/abi";
import { LedgerUnavailableError, type LedgerConfig } from "@/lib/ledger/reader";

export type LedgerWriterConfig = LedgerConfig & {
  /** Blocks to wait for after inclusion; 1 means "mined". */
  confirmations?: number;
  /** How long to wait for a receipt before giving up (the transaction may still be mined later). */
  receiptTimeoutMs?: number;
};

export type AnchorStatusListInput = {
  privateKey: Hex;
  listKey: Hex;
  version: number;
  hash: Hex;
  uri: string;
};

export type AnchorStatusListResult = { txHash: Hex; blockNumber: bigint; anchoredAt: Date };

export type LedgerWriter = {
  anchorStatusList(input: AnchorStatusListInput): Promise<AnchorStatusListResult>;
};

export type AnchorRejectedReason = "NOT_OWNER" | "WRONG_VERSION";

/** The contract refused the anchor; retrying the same call will not help. */
export class AnchorRejectedError extends AppError {
  readonly reason: AnchorRejectedReason;
  /** For WRONG_VERSION: the version the contract expects next. */
  readonly expectedVersion: number | undefined;
  /** For NOT_OWNER: the account that owns the list. */
  readonly owner: Address | undefined;

  constructor(
    reason: AnchorRejectedReason,
    message: string,
    details: { expectedVersion?: number; owner?: Address } = {},
  ) {
    super("CONFLICT", message);
    this.name = "AnchorRejectedError";
    this.reason = reason;
    this.expectedVersion = details.expectedVersion;
    this.owner = details.owner;
  }
}

// Sends against a remote node can be slow; reads in reader.ts are kept shorter.
const rpcTimeoutMs = 15_000;
const pollingIntervalMs = 1_000;

export function createLedgerWriter(config: LedgerWriterConfig): LedgerWriter {
  const { rpcUrl, chainId, contractAddress, confirmations = 1 } = config;
  const receiptTimeoutMs = config.receiptTimeoutMs ?? 120_000;
  const chain = ledgerChain({ chainId, rpcUrl });
  const transport = http(rpcUrl, { timeout: rpcTimeoutMs, retryCount: 1 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: pollingIntervalMs });
  const walletClient = createWalletClient({ chain, transport, pollingInterval: pollingIntervalMs });

  async function anchorStatusList(input: AnchorStatusListInput): Promise<AnchorStatusListResult> {
    const { privateKey, listKey, version, hash, uri } = input;
    if (!Number.isSafeInteger(version) || version < 1) {
      throw new AppError("BAD_REQUEST", `status list version must be a positive integer`);
    }
    const account = privateKeyToAccount(privateKey);

    const txHash = await serializeByAccount(chainId, account.address, async () => {
      try {
        const { request } = await publicClient.simulateContract({
          account,
          address: contractAddress,
          abi: statusListAnchorAbi,
          functionName: "anchor",
          args: [listKey, BigInt(version), hash, uri],
        });
        return await walletClient.writeContract(request);
      } catch (error) {
        throw rejectionOf(error) ?? unavailableOr(error);
      }
    });

    const receipt = await waitForReceipt(publicClient, txHash, confirmations, receiptTimeoutMs);
    const [anchored] = parseEventLogs({
      abi: statusListAnchorAbi,
      eventName: "Anchored",
      logs: receipt.logs,
    });
    if (!anchored) throw new Error(`anchor transaction ${txHash} emitted no Anchored event`);
    return {
      txHash,
      blockNumber: receipt.blockNumber,
      anchoredAt: new Date(Number(anchored.args.timestamp) * 1000),
    };
  }

  return { anchorStatusList };
}

/** A viem chain for any EVM chain, known only by its id and RPC URL. */
export function ledgerChain({ chainId, rpcUrl }: { chainId: number; rpcUrl: string }): Chain {
  return defineChain({
    id: chainId,
    name: `ledger-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `send` after every earlier send of the same account on the same chain has settled, so
 * each one sees the nonce its predecessor used. Deploy and funding transactions go through here too.
 */
export function serializeByAccount<T>(
  chainId: number,
  address: Address,
  send: () => Promise<T>,
): Promise<T> {
  const key = `${chainId}:${address.toLowerCase()}`;
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(send, send);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  // drop the entry once idle, so the map does not grow with every account ever used
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

/** Waits for `confirmations` blocks and throws if the transaction reverted. */
export async function waitForReceipt(
  client: Pick<PublicClient, "waitForTransactionReceipt">,
  hash: Hex,
  confirmations: number,
  timeoutMs: number,
): Promise<TransactionReceipt> {
  let receipt: TransactionReceipt;
  try {
    receipt = await client.waitForTransactionReceipt({ hash, confirmations, timeout: timeoutMs });
  } catch (error) {
    throw unavailableOr(error);
  }
  if (receipt.status !== "success") {
    throw new AppError("INTERNAL", `transaction ${hash} reverted in block ${receipt.blockNumber}`);
  }
  return receipt;
}

function rejectionOf(error: unknown): AnchorRejectedError | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) return undefined;
  const { errorName, args = [] } = reverted.data;
  if (errorName === "NotListOwner") {
    const owner = args[1] as Address;
    return new AnchorRejectedError("NOT_OWNER", `status list is owned by ${owner}`, { owner });
  }
  if (errorName === "WrongVersion") {
    const expected = Number(args[1] as bigint);
    const given = Number(args[2] as bigint);
    return new AnchorRejectedError(
      "WRONG_VERSION",
      `status list version ${given} rejected: the ledger expects version ${expected}`,
      { expectedVersion: expected },
    );
  }
  return undefined;
}

/** Network failures become LedgerUnavailableError (503); anything else is rethrown untouched. */
export function unavailableOr(error: unknown): unknown {
  if (error instanceof LedgerUnavailableError) return error;
  if (
    error instanceof BaseError &&
    error.walk(
      (e) =>
        e instanceof HttpRequestError ||
        e instanceof TimeoutError ||
        e instanceof WaitForTransactionReceiptTimeoutError,
    ) !== null
  ) {
    return new LedgerUnavailableError(`ledger unavailable: ${error.shortMessage}`, {
      cause: error,
    });
  }
  return error;
}

// ── Setting up a ledger ──────────────────────────────────────────────────────────────────

export type LedgerAccountConfig = {
  rpcUrl: string;
  chainId: number;
  /** The account that pays; never logged. */
  privateKey: Hex;
  confirmations?: number;
};

const setupReceiptTimeoutMs = 120_000;

function clients({ rpcUrl, chainId }: { rpcUrl: string; chainId: number }) {
  const chain = ledgerChain({ chainId, rpcUrl });
  const transport = http(rpcUrl, { timeout: rpcTimeoutMs, retryCount: 1 });
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 1_000 }),
    walletClient: createWalletClient({ chain, transport, pollingInterval: 1_000 }),
  };
}

export async function deployStatusListAnchor(
  config: LedgerAccountConfig,
): Promise<{ address: Address; txHash: Hex }> {
  const { chainId, privateKey, confirmations = 1 } = config;
  const { publicClient, walletClient } = clients(config);
  const account = privateKeyToAccount(privateKey);

  const txHash = await serializeByAccount(chainId, account.address, async () => {
    try {
      return await walletClient.deployContract({
        account,
        abi: statusListAnchorAbi,
        bytecode: artifact.bytecode as Hex,
      });
    } catch (error) {
      throw unavailableOr(error);
    }
  });
  const receipt = await waitForReceipt(publicClient, txHash, confirmations, setupReceiptTimeoutMs);
  if (!receipt.contractAddress) throw new Error(`deploy transaction ${txHash} created no contract`);
  return { address: receipt.contractAddress, txHash };
}

/** False for an address without code, e.g. a contract address from a chain that was reset. */
export async function hasContractCode(rpcUrl: string, address: Address): Promise<boolean> {
  const client = createPublicClient({
    transport: http(rpcUrl, { timeout: rpcTimeoutMs, retryCount: 1 }),
  });
  try {
    const code = await client.getCode({ address });
    return code !== undefined && code !== "0x";
  } catch (error) {
    throw unavailableOr(error);
  }
}

/**
 * Sends `amount` from the paying account to `address` when its balance is below `minBalance`,
 * so each demo issuer can anchor from its own ledger account. Returns the transaction, if any.
 */
export async function fundAccount(
  config: LedgerAccountConfig & { address: Address; minBalance?: bigint; amount?: bigint },
): Promise<{ funded: boolean; txHash?: Hex; balance: bigint }> {
  const { chainId, privateKey, address, confirmations = 1 } = config;
  const minBalance = config.minBalance ?? parseEther("1");
  const amount = config.amount ?? parseEther("10");
  const { publicClient, walletClient } = clients(config);
  const account = privateKeyToAccount(privateKey);

  try {
    const balance = await publicClient.getBalance({ address });
    if (balance >= minBalance) return { funded: false, balance };
    const txHash = await serializeByAccount(chainId, account.address, () =>
      walletClient.sendTransaction({ account, to: address, value: amount }),
    );
    await waitForReceipt(publicClient, txHash, confirmations, setupReceiptTimeoutMs);
    return { funded: true, txHash, balance: await publicClient.getBalance({ address }) };
  } catch (error) {
    throw unavailableOr(error);
  }
}

// ── Issuer registry ──────────────────────────────────────────────────────────────────────
//
// The accreditation authority's transactions to the IssuerRegistry. The governance key is the
// authority's, not an issuer's: like issuer keys it stays in this process and is never logged.
// Every write is simulated first, so the contract's custom errors come back as a
// RegistryRejectedError (a 4xx with the contract's reason) before any gas is spent.

// Imported here rather than at the top so this section stays self-contained (ES imports hoist).
import issuerRegistryArtifact from "@/contracts/artifacts/IssuerRegistry.json";
import { issuerRegistryAbi } from "@/lib/ledger/abi";

type PrivateKeyAccount = ReturnType<typeof privateKeyToAccount>;

export type RegistryWriteConfig = LedgerAccountConfig & {
  registryAddress: Address;
  receiptTimeoutMs?: number;
};

export type RegistryTxResult = { txHash: Hex; blockNumber: bigint; at: Date };

export type RegistryRejectedReason =
  | "NOT_GOVERNANCE"
  | "ZERO_GOVERNANCE"
  | "UNKNOWN_ISSUER"
  | "ALREADY_WITHDRAWN"
  | "INVALID_PERIOD"
  | "INVALID_TEXT"
  | "INVALID_CREDENTIAL_TYPES";

/** The registry refused the change; retrying the same call will not help. */
export class RegistryRejectedError extends AppError {
  readonly reason: RegistryRejectedReason;

  constructor(reason: RegistryRejectedReason, message: string) {
    super(registryRejectionStatus[reason], message);
    this.name = "RegistryRejectedError";
    this.reason = reason;
  }
}

const registryRejectionStatus = {
  NOT_GOVERNANCE: "FORBIDDEN",
  ZERO_GOVERNANCE: "VALIDATION_FAILED",
  UNKNOWN_ISSUER: "NOT_FOUND",
  ALREADY_WITHDRAWN: "CONFLICT",
  INVALID_PERIOD: "VALIDATION_FAILED",
  INVALID_TEXT: "VALIDATION_FAILED",
  INVALID_CREDENTIAL_TYPES: "VALIDATION_FAILED",
} as const satisfies Record<RegistryRejectedReason, ConstructorParameters<typeof AppError>[0]>;

export async function deployIssuerRegistry(
  config: LedgerAccountConfig & { governance: Address },
): Promise<{ address: Address; txHash: Hex }> {
  const { chainId, privateKey, confirmations = 1, governance } = config;
  const { publicClient, walletClient } = clients(config);
  const account = privateKeyToAccount(privateKey);

  const txHash = await serializeByAccount(chainId, account.address, async () => {
    try {
      return await walletClient.deployContract({
        account,
        abi: issuerRegistryAbi,
        bytecode: issuerRegistryArtifact.bytecode as Hex,
        args: [governance],
      });
    } catch (error) {
      throw unavailableOr(error);
    }
  });
  const receipt = await waitForReceipt(publicClient, txHash, confirmations, setupReceiptTimeoutMs);
  if (!receipt.contractAddress) throw new Error(`deploy transaction ${txHash} created no contract`);
  return { address: receipt.contractAddress, txHash };
}

export type AccreditIssuerInput = {
  did: string;
  name: string;
  credentialTypes: string[];
  validFrom: Date;
  validUntil: Date;
};

/** Accredits (or re-accredits, replacing the entry) an issuer DID. */
export function accreditIssuer(
  config: RegistryWriteConfig,
  input: AccreditIssuerInput,
): Promise<RegistryTxResult> {
  const { did, name, credentialTypes } = input;
  const args = [
    did,
    name,
    credentialTypes,
    dateToSeconds(input.validFrom),
    dateToSeconds(input.validUntil),
  ] as const;
  return sendRegistryTx(
    config,
    "IssuerAccredited",
    async ({ publicClient, walletClient }, account) => {
      const { request } = await publicClient.simulateContract({
        account,
        address: config.registryAddress,
        abi: issuerRegistryAbi,
        functionName: "accredit",
        args,
      });
      return walletClient.writeContract({
        ...request,
        gas: await gasWithMargin(publicClient, request),
      });
    },
  );
}

/** Withdraws an issuer's accreditation with a reason code (0 = not given). */
export function withdrawAccreditation(
  config: RegistryWriteConfig,
  input: { did: string; reason: number },
): Promise<RegistryTxResult> {
  if (!Number.isInteger(input.reason) || input.reason < 0 || input.reason > 255) {
    throw new AppError("BAD_REQUEST", "a withdrawal reason is a code from 0 to 255");
  }
  return sendRegistryTx(
    config,
    "AccreditationWithdrawn",
    async ({ publicClient, walletClient }, account) => {
      const { request } = await publicClient.simulateContract({
        account,
        address: config.registryAddress,
        abi: issuerRegistryAbi,
        functionName: "withdraw",
        args: [input.did, input.reason],
      });
      return walletClient.writeContract({
        ...request,
        gas: await gasWithMargin(publicClient, request),
      });
    },
  );
}

/** Hands the registry to another authority account; the current governance key signs. */
export function transferGovernance(
  config: RegistryWriteConfig,
  newGovernance: Address,
): Promise<RegistryTxResult> {
  return sendRegistryTx(
    config,
    "GovernanceTransferred",
    async ({ publicClient, walletClient }, account) => {
      const { request } = await publicClient.simulateContract({
        account,
        address: config.registryAddress,
        abi: issuerRegistryAbi,
        functionName: "transferGovernance",
        args: [newGovernance],
      });
      return walletClient.writeContract({
        ...request,
        gas: await gasWithMargin(publicClient, request),
      });
    },
  );
}

async function sendRegistryTx(
  config: RegistryWriteConfig,
  eventName: "IssuerAccredited" | "AccreditationWithdrawn" | "GovernanceTransferred",
  send: (c: ReturnType<typeof clients>, account: PrivateKeyAccount) => Promise<Hex>,
): Promise<RegistryTxResult> {
  const { chainId, privateKey, confirmations = 1 } = config;
  const c = clients(config);
  const { publicClient } = c;
  const account = privateKeyToAccount(privateKey);

  const txHash = await serializeByAccount(chainId, account.address, async () => {
    try {
      return await send(c, account);
    } catch (error) {
      throw registryRejectionOf(error) ?? unavailableOr(error);
    }
  });
  const receipt = await waitForReceipt(
    publicClient,
    txHash,
    confirmations,
    config.receiptTimeoutMs ?? setupReceiptTimeoutMs,
  );
  const [event] = parseEventLogs({ abi: issuerRegistryAbi, eventName, logs: receipt.logs });
  if (!event) throw new Error(`registry transaction ${txHash} emitted no ${eventName} event`);
  const block =
    "timestamp" in event.args
      ? event.args.timestamp
      : (await publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
  return { txHash, blockNumber: receipt.blockNumber, at: new Date(Number(block) * 1000) };
}

/**
 * Gas for a registry write, with a 25% margin. The entry's `updatedAt` (and `withdrawnAt`) take
 * the block's timestamp: when the estimate runs in one second and the transaction is mined in the
 * next, that storage write costs more than estimated, and an exact estimate runs out of gas.
 */
async function gasWithMargin(
  publicClient: ReturnType<typeof clients>["publicClient"],
  request: Parameters<ReturnType<typeof clients>["publicClient"]["estimateContractGas"]>[0],
): Promise<bigint> {
  const gas = await publicClient.estimateContractGas(request);
  return gas + gas / 4n;
}

function dateToSeconds(date: Date): bigint {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new AppError("BAD_REQUEST", "not a valid date");
  return BigInt(Math.floor(ms / 1000));
}

function registryRejectionOf(error: unknown): RegistryRejectedError | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) return undefined;
  const { errorName, args = [] } = reverted.data;
  switch (errorName) {
    case "NotGovernance":
      return new RegistryRejectedError(
        "NOT_GOVERNANCE",
        `account ${String(args[0])} is not the registry's accreditation authority`,
      );
    case "ZeroGovernance":
      return new RegistryRejectedError("ZERO_GOVERNANCE", "governance cannot be the zero address");
    case "UnknownIssuer":
      return new RegistryRejectedError(
        "UNKNOWN_ISSUER",
        `${String(args[0])} has never been accredited`,
      );
    case "AlreadyWithdrawn":
      return new RegistryRejectedError(
        "ALREADY_WITHDRAWN",
        `the accreditation of ${String(args[0])} was already withdrawn on ` +
          new Date(Number(args[1] as bigint) * 1000).toISOString(),
      );
    case "InvalidPeriod":
      return new RegistryRejectedError(
        "INVALID_PERIOD",
        "the accreditation must end after it starts",
      );
    case "InvalidText":
      return new RegistryRejectedError(
        "INVALID_TEXT",
        `${String(args[0])} must be between 1 and 256 bytes`,
      );
    case "InvalidCredentialTypes":
      return new RegistryRejectedError(
        "INVALID_CREDENTIAL_TYPES",
        `an accreditation covers 1 to 16 credential types, not ${String(args[0])}`,
      );
    default:
      return undefined;
  }
}
