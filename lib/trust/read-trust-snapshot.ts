import type { RegistryReader, RegistrySnapshot } from "@/lib/ledger/registry-reader";
import type { RegistryRef, TrustSnapshot } from "./schemas";

/**
 * Reads the on-chain registry into a TrustSnapshot. Never throws: a registry that cannot be read
 * becomes an `unavailable` snapshot, which the trust check reports as unknown. Browser and server
 * both call this, with a reader built from their own configuration.
 */
export async function readTrustSnapshot(
  reader: Pick<RegistryReader, "snapshot">,
  registry: RegistryRef,
  now: () => Date = () => new Date(),
): Promise<TrustSnapshot> {
  try {
    return toTrustSnapshot(await reader.snapshot(), now());
  } catch (error) {
    return {
      state: "unavailable",
      registry,
      readAt: now().toISOString(),
      reason: error instanceof Error ? error.message : "the registry could not be read",
    };
  }
}

/** The chain's reading as a plain JSON value (ISO dates, block number as a number). */
export function toTrustSnapshot(snapshot: RegistrySnapshot, readAt: Date): TrustSnapshot {
  return {
    state: "read",
    registry: { chainId: snapshot.chainId, address: snapshot.registryAddress },
    governance: snapshot.governance,
    blockNumber: Number(snapshot.blockNumber),
    readAt: readAt.toISOString(),
    issuers: snapshot.issuers.map((e) => ({
      did: e.did,
      name: e.name,
      credentialTypes: e.credentialTypes,
      validFrom: e.validFrom.toISOString(),
      validUntil: e.validUntil.toISOString(),
      withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: e.withdrawalReason,
      updatedAt: e.updatedAt.toISOString(),
    })),
  };
}
