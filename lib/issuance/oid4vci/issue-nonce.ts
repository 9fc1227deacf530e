import "server-only";
import { findIssuer } from "../authenticate-issuer";
import type { IssuanceServices } from "../services";
import { credentialIssuerId } from "./issuer-metadata";

/**
 * The nonce endpoint (OID4VCI 1.0 §7): a c_nonce from the database-backed challenge store, bound
 * to this credential issuer's identifier, accepted once by the credential endpoint.
 */
// POST /api/v1/oid4vci/{slug}/nonce
export async function issueNonce(svc: IssuanceServices, slug: string) {
  await findIssuer(svc, slug);
  const issued = await svc.challenges.issue(credentialIssuerId(svc, slug));
  return { c_nonce: issued.challenge };
}
