import "server-only";
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { verifyJwt } from "@/lib/credentials/verify-jwt";
import { credentials, issuers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { credentialPayload } from "./credential-payload";
import { hashSecret } from "./hash-secret";
import type { IssuanceServices } from "./services";
import { signJwtVc } from "./sign-jwt-vc";

/**
 * One-time claim links. The link carries a random token (only its hash is stored). The wallet
 * fetches the offer, which hands out a fresh nonce, and then proves possession of its key by
 * signing that nonce for the issuer's DID; the credential is then signed again, bound to the
 * wallet's DID, and the link is spent.
 */

const PROOF_TYPE = "openid4vci-proof+jwt";
const PROOF_MAX_AGE_S = 300;

// Holder DIDs are self-contained (did:jwk, did:key): nothing is fetched to resolve them.
const resolveHolderDid = createDidResolver({
  fetch: () => Promise.reject(new Error("Holder DIDs must be did:jwk or did:key.")),
});

/** The credential behind a live claim token (also OpenID4VCI's pre-authorized code). */
export function findClaim(svc: IssuanceServices, token: string, now: Date) {
  return findClaimWhere(svc, eq(credentials.claimTokenHash, hashSecret(token)), now);
}

/** The same checks for a credential an OpenID4VCI access token points at. */
export function findClaimById(svc: IssuanceServices, id: string, now: Date) {
  return findClaimWhere(svc, eq(credentials.id, id), now);
}

async function findClaimWhere(svc: IssuanceServices, where: SQL, now: Date) {
  const [row] = await svc.db
    .select({ credential: credentials, issuer: issuers })
    .from(credentials)
    .innerJoin(issuers, eq(issuers.slug, credentials.issuerSlug))
    .where(where);
  if (!row)
    throw new AppError(
      "NOT_FOUND",
      "This claim link is not valid. Check that you copied all of it.",
    );
  if (row.credential.claimedAt) {
    throw new AppError(
      "GONE",
      "This credential has already been claimed. Each claim link or credential offer works once.",
    );
  }
  if (row.credential.status === "revoked") {
    // A corrected credential replaces it; its own claim link is the one to use.
    const superseded = row.credential.statusReason === "superseded";
    throw new AppError(
      "GONE",
      superseded
        ? `${row.issuer.name} has replaced this credential with a corrected one. Use the link for the corrected credential instead.`
        : `${row.issuer.name} has revoked this credential, so it can no longer be claimed.`,
    );
  }
  if (row.credential.claimExpiresAt && row.credential.claimExpiresAt.getTime() < now.getTime()) {
    throw new AppError(
      "GONE",
      `This claim link expired on ${row.credential.claimExpiresAt.toISOString().slice(0, 10)}. Ask ${row.issuer.name} for a new one.`,
    );
  }
  return row;
}

/**
 * What the doctor sees before accepting: the credential's claims (about the doctor, shown to the
 * holder of the link), so every type gets its full card, conditions on practice included.
 */
function preview(claims: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...shown } = claims;
  return shown;
}

export async function getClaimOffer(svc: IssuanceServices, token: string, now = new Date()) {
  const { credential, issuer } = await findClaim(svc, token, now);
  const nonce = randomBytes(16).toString("base64url");
  await svc.db
    .update(credentials)
    .set({ claimNonce: nonce })
    .where(eq(credentials.id, credential.id));
  return {
    offer: {
      credentialId: credential.id,
      type: credential.type,
      issuer: { did: issuer.did, name: issuer.name, slug: issuer.slug },
      preview: preview(credential.claims),
      expiresAt: credential.claimExpiresAt?.toISOString() ?? null,
    },
    nonce,
    audience: issuer.did,
  };
}

export async function redeemClaim(
  svc: IssuanceServices,
  token: string,
  proof: string,
  now = new Date(),
  options: { recoveryDid?: string | undefined } = {},
): Promise<{ id: string; credential: string }> {
  const { credential, issuer } = await findClaim(svc, token, now);
  const verified = await verifyJwt(proof, {
    resolveDid: resolveHolderDid,
    purpose: "authentication",
  });
  if (!verified.ok) {
    throw new AppError("VALIDATION_FAILED", `The wallet's proof is not valid: ${verified.message}`);
  }
  const { header, payload, issuerDid: holderDid } = verified;
  const iat = typeof payload.iat === "number" ? payload.iat : NaN;
  const problems = [
    header.typ !== PROOF_TYPE && `the proof type must be ${PROOF_TYPE}`,
    payload.aud !== issuer.did && "the proof is addressed to another issuer",
    (!credential.claimNonce || payload.nonce !== credential.claimNonce) &&
      "the proof does not answer this offer's nonce (reload the claim page)",
    !(Math.abs(now.getTime() / 1000 - iat) <= PROOF_MAX_AGE_S) &&
      "the proof is too old or from the future",
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The wallet's proof was refused: ${problems.join("; ")}.`,
    );
  }
  if (credential.subjectDid && credential.subjectDid !== holderDid) {
    throw new AppError("FORBIDDEN", "This claim link was issued to a different wallet.");
  }

  return issueToHolder(svc, { credential, issuer }, holderDid, now, options);
}

/**
 * A wallet's recovery DID, when it sent one, must be a P-256 did:jwk that resolves: it will have
 * to verify a re-bind request's signature one day, so a key that cannot is refused now.
 */
export async function checkRecoveryDid(recoveryDid: string | undefined): Promise<string | null> {
  if (recoveryDid === undefined) return null;
  const resolution = await resolveHolderDid(recoveryDid);
  const key = resolution.ok ? resolution.document.verificationMethod?.[0] : undefined;
  const jwk = key?.publicKeyJwk as { kty?: unknown; crv?: unknown } | undefined;
  if (!jwk || jwk.kty !== "EC" || jwk.crv !== "P-256") {
    throw new AppError(
      "VALIDATION_FAILED",
      "The wallet's recovery key (recovery_did) is not a P-256 did:jwk.",
    );
  }
  return recoveryDid;
}

/**
 * Signs the credential again, bound to the holder's DID, and spends the claim: a conditional
 * update, so of two concurrent claims (link or OpenID4VCI) exactly one gets a credential. The
 * wallet's recovery DID, if it sent one, is kept with the credential for a later re-bind.
 */
export async function issueToHolder(
  svc: IssuanceServices,
  { credential, issuer }: Awaited<ReturnType<typeof findClaim>>,
  holderDid: string,
  now: Date,
  options: { recoveryDid?: string | undefined } = {},
): Promise<{ id: string; credential: string }> {
  const recoveryDid = await checkRecoveryDid(options.recoveryDid);
  const jwt = await signJwtVc(svc, issuer, credentialPayload(svc, credential, holderDid));
  const spent = await svc.db
    .update(credentials)
    .set({ jwt, subjectDid: holderDid, claimedAt: now, claimNonce: null, recoveryDid })
    .where(and(eq(credentials.id, credential.id), isNull(credentials.claimedAt)))
    .returning({ id: credentials.id });
  if (spent.length === 0) {
    throw new AppError(
      "GONE",
      "This credential has already been claimed. Each claim link or credential offer works once.",
    );
  }
  return { id: credential.id, credential: jwt };
}
