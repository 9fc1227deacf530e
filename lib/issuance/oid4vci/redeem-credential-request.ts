import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { credentials, issuers, oid4vciAccessTokens } from "@/lib/db/schema";
import type { CredentialRequest } from "@/lib/oid4vci/schemas";
import { findClaimById, issueToHolder } from "../claim-credential";
import { hashSecret } from "../hash-secret";
import type { IssuanceServices } from "../services";
import { credentialIssuerId } from "./issuer-metadata";
import { OAuthError } from "./oauth-error";
import { verifyProofJwt } from "./verify-proof-jwt";

/**
 * The credential endpoint (OID4VCI 1.0 §8): Bearer access token from the token endpoint, one
 * `jwt` key proof over a c_nonce from the nonce endpoint. The proof's key becomes the credential
 * subject (did:jwk / did:key), exactly as with a claim link, and the claim is spent: a second
 * request, by this wallet or any other, gets a clear refusal and no second credential.
 */

export function bearerToken(authorization: string | null): string {
  const match = authorization?.match(/^Bearer ([A-Za-z0-9_~+/.-]+=*)$/i);
  if (!match?.[1]) {
    throw new OAuthError(
      "invalid_token",
      "Send the access token from the token endpoint as a Bearer token.",
    );
  }
  return match[1];
}

// POST /api/v1/oid4vci/{slug}/credential
export async function redeemCredentialRequest(
  svc: IssuanceServices,
  slug: string,
  accessToken: string,
  request: CredentialRequest,
  now = new Date(),
): Promise<{ credentials: Array<{ credential: string }> }> {
  const [grant] = await svc.db
    .select({ credentialId: oid4vciAccessTokens.credentialId, issuerSlug: credentials.issuerSlug })
    .from(oid4vciAccessTokens)
    .innerJoin(credentials, eq(credentials.id, oid4vciAccessTokens.credentialId))
    .innerJoin(issuers, eq(issuers.slug, credentials.issuerSlug))
    .where(
      and(
        eq(oid4vciAccessTokens.tokenHash, hashSecret(accessToken)),
        gt(oid4vciAccessTokens.expiresAt, now),
      ),
    );
  if (!grant || grant.issuerSlug !== slug) {
    throw new OAuthError(
      "invalid_token",
      "The access token is unknown or has expired. Start again from the credential offer.",
    );
  }
  // Spent, revoked or expired since the token was issued: the claim's own clear message.
  const claim = await findClaimById(svc, grant.credentialId, now);

  const configurationId = request.credential_configuration_id;
  if (!configurationId) {
    throw new OAuthError(
      "invalid_credential_request",
      "Name the credential_configuration_id from the credential offer.",
    );
  }
  if (configurationId !== claim.credential.type) {
    throw new OAuthError(
      "unknown_credential_configuration",
      `This offer is for ${claim.credential.type}, not ${configurationId}.`,
    );
  }
  const proofs = request.proofs?.jwt ?? (request.proof ? [request.proof.jwt] : []);
  if (proofs.length !== 1) {
    throw new OAuthError(
      "invalid_proof",
      proofs.length === 0
        ? "The request carries no key proof; sign one with the wallet's key (proofs.jwt)."
        : "Send exactly one key proof: this offer is for one credential.",
    );
  }

  const audience = credentialIssuerId(svc, slug);
  const proof = await verifyProofJwt(proofs[0]!, { audience, now });
  if (!proof.ok) throw new OAuthError(proof.error, proof.message);
  // The nonce must be ours, for this issuer, unused and live; it is spent whatever happens next.
  const issued = await svc.challenges.peek(proof.nonce);
  if (!issued || issued.domain !== audience || !(await svc.challenges.consume(proof.nonce))) {
    throw new OAuthError(
      "invalid_nonce",
      "The key proof's nonce is unknown, used or expired. Fetch a fresh one from the nonce endpoint.",
    );
  }
  if (claim.credential.subjectDid && claim.credential.subjectDid !== proof.holderDid) {
    throw new OAuthError(
      "credential_request_denied",
      "This credential was issued to a different wallet key, so this wallet cannot claim it.",
    );
  }

  const { credential } = await issueToHolder(svc, claim, proof.holderDid, now, {
    recoveryDid: request.recovery_did,
  });
  await svc.db
    .delete(oid4vciAccessTokens)
    .where(eq(oid4vciAccessTokens.tokenHash, hashSecret(accessToken)));
  return { credentials: [{ credential }] };
}
