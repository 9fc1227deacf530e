import "server-only";
import { credentialOfferUri } from "@/lib/oid4vci/credential-offer-uri";
import { PRE_AUTHORIZED_GRANT, type CredentialOffer } from "@/lib/oid4vci/schemas";
import { findClaim } from "../claim-credential";
import type { IssuanceServices } from "../services";
import { credentialIssuerId } from "./issuer-metadata";

/**
 * The OpenID4VCI credential offer behind a claim link. Its pre-authorized code *is* the link's
 * one-time claim token, so both roads lead to the same single credential: whichever is used
 * first spends it, with the same expiry. The offer is passed by reference, so the QR code stays
 * short and the code is not in the URI a camera app might log.
 */

export function credentialOfferLink(svc: IssuanceServices, token: string): string {
  return credentialOfferUri(`${svc.publicUrl}/api/v1/credential-offers/${token}`);
}

// GET /api/v1/credential-offers/{token}
export async function credentialOffer(
  svc: IssuanceServices,
  token: string,
  now = new Date(),
): Promise<CredentialOffer> {
  // A spent, expired or revoked claim answers its clear message here already.
  const { credential, issuer } = await findClaim(svc, token, now);
  return {
    credential_issuer: credentialIssuerId(svc, issuer.slug),
    credential_configuration_ids: [credential.type],
    grants: { [PRE_AUTHORIZED_GRANT]: { "pre-authorized_code": token } },
  };
}
