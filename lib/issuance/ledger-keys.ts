import "server-only";
import { bytesToHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/**
 * Which private key anchors for which issuer. Production sets LEDGER_ISSUER_KEYS (one account per
 * issuer, so the chain shows the issuer as the owner of its lists) or LEDGER_PRIVATE_KEY. On the
 * embedded dev chain (id 31337) anvil's published test accounts fill in: #0 deploys, #1.. issue.
 */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
const DEV_CHAIN_ID = 31337;

export function anvilKey(index: number): Hex {
  const key = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (!key) throw new Error("anvil key derivation failed");
  return bytesToHex(key);
}

export function ledgerKeyFor(opts: {
  slug: string;
  /** Position of a demo issuer, used only on the dev chain. */
  devIndex: number;
  chainId: number;
  issuerKeys: Record<string, string>;
  fallbackKey: string | undefined;
}): Hex {
  const explicit = opts.issuerKeys[opts.slug] ?? opts.fallbackKey;
  if (explicit) return explicit as Hex;
  if (opts.chainId === DEV_CHAIN_ID) return anvilKey(1 + opts.devIndex);
  throw new Error(
    `No ledger key for issuer "${opts.slug}": set LEDGER_ISSUER_KEYS or LEDGER_PRIVATE_KEY.`,
  );
}
