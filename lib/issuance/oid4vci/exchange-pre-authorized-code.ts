import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import { oid4vciAccessTokens } from "@/lib/db/schema";
import { PRE_AUTHORIZED_GRANT, type TokenRequest } from "@/lib/oid4vci/schemas";
import { findClaim } from "../claim-credential";
import { hashSecret } from "../hash-secret";
import type { IssuanceServices } from "../services";
import { OAuthError } from "./oauth-error";

/**
 * The token endpoint (OID4VCI 1.0 §6): a pre-authorized code (the claim token) for a short-lived
 * Bearer access token to the credential endpoint. A code is exchanged once: while its token lives,
 * a second exchange is refused (one row per credential). A token that expired unused frees the
 * code again, so a wallet that crashed mid-way can start over until the claim link expires.
 */

export const ACCESS_TOKEN_TTL_S = 300;

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

// POST /api/v1/oid4vci/{slug}/token
export async function exchangePreAuthorizedCode(
  svc: IssuanceServices,
  slug: string,
  request: TokenRequest,
  now = new Date(),
) {
  if (request.grant_type !== PRE_AUTHORIZED_GRANT) {
    throw new OAuthError(
      "unsupported_grant_type",
      `Only the pre-authorized code grant (${PRE_AUTHORIZED_GRANT}) is supported.`,
    );
  }
  const code = request["pre-authorized_code"];
  if (!code || !/^[A-Za-z0-9_-]{20,64}$/.test(code)) {
    throw new OAuthError("invalid_request", "The request has no valid pre-authorized_code.");
  }
  // Unknown, spent, expired or revoked: findClaim's AppError becomes invalid_grant (route).
  const { credential, issuer } = await findClaim(svc, code, now);
  if (issuer.slug !== slug) {
    throw new OAuthError("invalid_grant", `This code was not issued by ${slug}.`);
  }

  const accessToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000);
  await svc.db
    .delete(oid4vciAccessTokens)
    .where(
      and(
        eq(oid4vciAccessTokens.credentialId, credential.id),
        lt(oid4vciAccessTokens.expiresAt, now),
      ),
    );
  try {
    await svc.db.insert(oid4vciAccessTokens).values({
      tokenHash: hashSecret(accessToken),
      credentialId: credential.id,
      expiresAt,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new OAuthError(
      "invalid_grant",
      "This offer's code has already been used. Each credential offer works once.",
    );
  }
  return { access_token: accessToken, token_type: "Bearer", expires_in: ACCESS_TOKEN_TTL_S };
}
