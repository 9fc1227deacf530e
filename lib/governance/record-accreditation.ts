import "server-only";
import type { IssuanceServices } from "@/lib/issuance/services";
import { accreditIssuer } from "@/lib/ledger/writer";
import { governanceWriteConfig } from "./governance-access";
import type { AccreditationBody, RegistryChange } from "./schemas";

/** Accredits (or re-accredits, replacing the entry) an issuer on chain; returns the transaction. */
export async function recordAccreditation(
  svc: IssuanceServices,
  body: AccreditationBody,
): Promise<RegistryChange> {
  const result = await accreditIssuer(governanceWriteConfig(svc), {
    did: body.did,
    name: body.name,
    credentialTypes: body.credentialTypes,
    validFrom: new Date(body.validFrom),
    validUntil: new Date(body.validUntil),
  });
  return {
    did: body.did,
    txHash: result.txHash,
    blockNumber: Number(result.blockNumber),
    at: result.at.toISOString(),
  };
}
