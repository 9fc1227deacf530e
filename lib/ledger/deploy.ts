import "server-only";
/**
 * Setting up a ledger: deploying StatusListAnchor and funding issuer accounts. SERVER only (the
 * dev orchestrator and tests use it against anvil; production deploys once and configures
 * ANCHOR_CONTRACT_ADDRESS). Sends go through the same per-account queue as anchors.
 */
import {
  createPublicClient,
  createWalletClient,
  http,
  parseEther,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import artifact from "@/contracts/artifacts/StatusListAnchor.json";
import { statusListAnchorAbi } from "@/lib/ledger/abi";
import {
  ledgerChain,
  serializeByAccount,
  unavailableOr,
  waitForReceipt,
} from "@/lib/ledger/writer";

export type LedgerAccountConfig = {
  rpcUrl: string;
  chainId: number;
  /** The account that pays; never logged. */
  privateKey: Hex;
  confirmations?: number;
};

const rpcTimeoutMs = 15_000;
const receiptTimeoutMs = 120_000;

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
  const receipt = await waitForReceipt(publicClient, txHash, confirmations, receiptTimeoutMs);
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
    await waitForReceipt(publicClient, txHash, confirmations, receiptTimeoutMs);
    return { funded: true, txHash, balance: await publicClient.getBalance({ address }) };
  } catch (error) {
    throw unavailableOr(error);
  }
}
