import { check, type Check } from "@/lib/credentials/verification";
import { withdrawalReasonLabel, type TrustSnapshot } from "./schemas";

/**
 * The `trust` check: a valid signature proves who issued a credential, not that they may. The
 * issuer's DID is looked up in a snapshot of the on-chain IssuerRegistry and must, at `now`, hold
 * an accreditation that covers the credential's type, has not been withdrawn and lies within its
 * validity period. A registry that could not be read gives `ok: null`, never a pass.
 *
 * Withdrawal is judged at `now`, like revocation: once the authority withdraws an institution,
 * none of its credentials verify, whenever they were issued.
 */

export function issuerName(did: string, snapshot: TrustSnapshot): string | undefined {
  if (snapshot.state !== "read") return undefined;
  return snapshot.issuers.find((i) => i.did === did)?.name;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

export function evaluateTrust(
  issuerDid: string,
  credentialType: string,
  snapshot: TrustSnapshot,
  now: Date,
): Check {
  const source = {
    registry: snapshot.registry.address,
    registryChainId: snapshot.registry.chainId,
    registryReadAt: snapshot.readAt,
  };
  if (snapshot.state === "unavailable") {
    return check(
      "trust",
      null,
      "TRUST_REGISTRY_UNAVAILABLE",
      `The trust registry could not be read, so the issuer's accreditation is unknown (${snapshot.reason}).`,
      { issuerDid, credentialType, ...source },
    );
  }
  const read = { ...source, registryBlock: snapshot.blockNumber };
  const issuer = snapshot.issuers.find((i) => i.did === issuerDid);
  if (!issuer) {
    return check("trust", false, "ISSUER_UNKNOWN", undefined, {
      issuerDid,
      credentialType,
      ...read,
    });
  }
  const details = {
    issuerDid,
    issuerName: issuer.name,
    credentialType,
    accreditedFrom: issuer.validFrom,
    accreditedUntil: issuer.validUntil,
    ...read,
  };
  if (issuer.withdrawnAt !== null) {
    const reason = withdrawalReasonLabel(issuer.withdrawalReason);
    return check(
      "trust",
      false,
      "ACCREDITATION_WITHDRAWN",
      `The accreditation of ${issuer.name} was withdrawn on ${day(issuer.withdrawnAt)}` +
        (issuer.withdrawalReason ? ` (${reason}).` : "."),
      { ...details, withdrawnAt: issuer.withdrawnAt, withdrawalReason: reason ?? null },
    );
  }
  if (!issuer.credentialTypes.includes(credentialType)) {
    return check(
      "trust",
      false,
      "NOT_ACCREDITED_FOR_TYPE",
      `${issuer.name} is not accredited to issue ${credentialType}.`,
      details,
    );
  }
  if (now.getTime() < Date.parse(issuer.validFrom)) {
    return check(
      "trust",
      false,
      "ACCREDITATION_NOT_YET_VALID",
      `The accreditation of ${issuer.name} starts on ${day(issuer.validFrom)}.`,
      details,
    );
  }
  if (now.getTime() >= Date.parse(issuer.validUntil)) {
    return check(
      "trust",
      false,
      "ACCREDITATION_EXPIRED",
      `The accreditation of ${issuer.name} ended on ${day(issuer.validUntil)}.`,
      details,
    );
  }
  return check(
    "trust",
    true,
    "TRUST_ACCREDITED",
    `${issuer.name} is accredited to issue ${credentialType} until ${day(issuer.validUntil)}.`,
    details,
  );
}
