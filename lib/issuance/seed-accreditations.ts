import "server-only";
import { privateKeyToAccount } from "viem/accounts";
import { issuers } from "@/lib/db/schema";
import { accreditIssuer } from "@/lib/ledger/writer";
import { demoIssuers } from "./demo-issuers";
import type { IssuanceServices } from "./services";

/** How long the dev seed accredits the demo issuers for. */
const seedYears = 5;

/**
 * The dev seed's accreditation authority (the "Ministry of Health", GOVERNANCE_PRIVATE_KEY)
 * accredits each demo issuer on chain for the credential types demo-issuers.ts lists.
 *
 * Idempotent: an issuer that already has an entry with the same types is left alone, even when
 * it was withdrawn or has expired since, so a withdrawal made in the governance console survives
 * a restart. Without a governance key, or when this key is not the registry's governance, nothing
 * is written. A chain that cannot be reached is reported and skipped: the app still starts, and
 * verifiers see TRUST_REGISTRY_UNAVAILABLE or ISSUER_UNKNOWN rather than a crash.
 */
export async function seedAccreditations(svc: IssuanceServices): Promise<void> {
  const { registry } = svc;
  if (!registry.governanceKey) return;
  try {
    const authority = privateKeyToAccount(registry.governanceKey).address;
    const snapshot = await registry.reader.snapshot();
    if (snapshot.governance.toLowerCase() !== authority.toLowerCase()) {
      console.warn(
        `[vitae] trust registry: GOVERNANCE_PRIVATE_KEY is not the registry's governance (${snapshot.governance}); demo accreditations not seeded.`,
      );
      return;
    }
    const rows = await svc.db.select().from(issuers);
    const writeConfig = {
      rpcUrl: registry.config.rpcUrl,
      chainId: registry.config.chainId,
      registryAddress: registry.config.registryAddress,
      privateKey: registry.governanceKey,
      confirmations: registry.confirmations,
    };
    for (const demo of demoIssuers) {
      const row = rows.find((r) => r.slug === demo.slug);
      if (!row) continue;
      const types = [...demo.credentialTypes];
      const current = snapshot.issuers.find((e) => e.did === row.did);
      if (current && sameSet(current.credentialTypes, types)) continue;
      const now = new Date();
      const validUntil = new Date(now);
      validUntil.setUTCFullYear(validUntil.getUTCFullYear() + seedYears);
      // Backdated a day so a verifier whose clock runs a little behind still sees it in force.
      const validFrom = new Date(now.getTime() - 24 * 60 * 60 * 1000);
      await accreditIssuer(writeConfig, {
        did: row.did,
        name: demo.name,
        credentialTypes: types,
        validFrom,
        validUntil,
      });
    }
  } catch (error) {
    console.warn(
      `[vitae] trust registry: demo accreditations not seeded (${error instanceof Error ? error.message : "unknown error"}).`,
    );
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}
