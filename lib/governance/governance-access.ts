import "server-only";
import { privateKeyToAccount } from "viem/accounts";
import { AppError } from "@/lib/errors";
import type { IssuanceServices } from "@/lib/issuance/services";
import type { RegistryWriteConfig } from "@/lib/ledger/writer";

/** What the signed-in console is told: which account signs and which registry it writes. */
export type GovernanceAccess = {
  /** The authority account this server signs with; null when no key is configured. */
  account: `0x${string}` | null;
  registry: { chainId: number; address: `0x${string}` };
};

export function governanceAccess(svc: IssuanceServices): GovernanceAccess {
  const key = svc.registry.governanceKey;
  return {
    account: key ? privateKeyToAccount(key).address : null,
    registry: {
      chainId: svc.registry.config.chainId,
      address: svc.registry.config.registryAddress,
    },
  };
}

/** The writer's configuration for the authority's transactions; refuses without a key. */
export function governanceWriteConfig(svc: IssuanceServices): RegistryWriteConfig {
  const { registry } = svc;
  if (!registry.governanceKey) {
    throw new AppError(
      "FORBIDDEN",
      "This server holds no accreditation authority key (GOVERNANCE_PRIVATE_KEY), so it cannot change the registry.",
    );
  }
  return {
    rpcUrl: registry.config.rpcUrl,
    chainId: registry.config.chainId,
    registryAddress: registry.config.registryAddress,
    privateKey: registry.governanceKey,
    confirmations: registry.confirmations,
  };
}
