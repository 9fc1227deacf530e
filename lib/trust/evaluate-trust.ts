import { check, type Check } from "@/lib/credentials/verification";
import type { TrustSnapshot } from "./schemas";

/**
 * The `trust` check: a valid signature proves who issued a credential, not that they may. Here the
 * issuer DID is looked up in a registry snapshot and must be accredited for the credential's type.
 * The signature stays stable when the registry moves on chain: the snapshot becomes its reading.
 */

export function issuerName(did: string, snapshot: TrustSnapshot): string | undefined {
  return snapshot.issuers.find((i) => i.did === did)?.name;
}

export function evaluateTrust(
  issuerDid: string,
  credentialType: string,
  snapshot: TrustSnapshot,
): Check {
  const issuer = snapshot.issuers.find((i) => i.did === issuerDid);
  const source = { registry: snapshot.source, registryFetchedAt: snapshot.fetchedAt };
  if (!issuer) {
    return check("trust", false, "ISSUER_UNKNOWN", undefined, { issuerDid, ...source });
  }
  const details = { issuerDid, issuerName: issuer.name, credentialType, ...source };
  if (!issuer.credentialTypes.includes(credentialType)) {
    return check(
      "trust",
      false,
      "NOT_ACCREDITED_FOR_TYPE",
      `${issuer.name} is not accredited to issue ${credentialType}.`,
      details,
    );
  }
  return check(
    "trust",
    true,
    "TRUST_ACCREDITED",
    `${issuer.name} is accredited to issue ${credentialType}.`,
    details,
  );
}
