import "client-only";
import type { z } from "zod";
import { decodeJwt } from "./decode-jwt";
import {
  apiErrorSchema,
  claimOfferResponseSchema,
  claimResultSchema,
  claimTokenSchema,
  type ClaimOfferResponse,
  type HolderIdentity,
  type StoredCredential,
} from "./schemas";
import { signJwt } from "./sign-jwt";
import { addCredential, createIdentity, ownRecoveryDid } from "./wallet-store";

/**
 * The wallet side of the claim protocol. The issuer hands the doctor `/wallet/claim#<token>`
 * (in the fragment, so the token never reaches a server log or a Referer):
 *   1. GET  /api/v1/claims/<token>  → the offer, a nonce and the audience (the issuer's DID);
 *   2. the wallet signs a proof of possession of its key over that nonce;
 *   3. POST /api/v1/claims/<token> { proof } → the credential, bound to the wallet's DID;
 *   4. the wallet files it in IndexedDB.
 * Errors carry the server's own message, which says what happened (unknown, expired, claimed).
 */

export class ClaimError extends Error {
  readonly code: string;
  /** HTTP status, when the server answered at all. */
  readonly status: number | undefined;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = "ClaimError";
    this.code = code;
    this.status = status;
  }

  /** Unknown, expired, claimed and someone else's links stay that way: trying again cannot help. */
  get final(): boolean {
    return ["NOT_FOUND", "GONE", "FORBIDDEN", "WRONG_HOLDER"].includes(this.code);
  }
}

/** The token from `location.hash` ("#abc…"), or null when the link has none or a mangled one. */
export function readClaimToken(hash: string): string | null {
  const parsed = claimTokenSchema.safeParse(hash.replace(/^#/, "").trim());
  return parsed.success ? parsed.data : null;
}

type Fetch = typeof globalThis.fetch;

async function callClaimApi<T>(
  fetchFn: Fetch,
  token: string,
  schema: z.ZodType<T>,
  init?: RequestInit,
): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(`/api/v1/claims/${encodeURIComponent(token)}`, {
      cache: "no-store",
      ...init,
    });
  } catch {
    throw new ClaimError(
      "NETWORK",
      "Vitae could not be reached. Check your connection and try again.",
    );
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = apiErrorSchema.safeParse(body);
    if (error.success)
      throw new ClaimError(error.data.error.code, error.data.error.message, res.status);
    throw new ClaimError(
      "HTTP",
      `The claim service answered ${res.status}. Try again later.`,
      res.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ClaimError(
      "BAD_RESPONSE",
      "The claim service sent an answer the wallet does not understand.",
      res.status,
    );
  }
  return parsed.data;
}

export function fetchClaimOffer(
  token: string,
  fetchFn: Fetch = fetch,
): Promise<ClaimOfferResponse> {
  return callClaimApi(fetchFn, token, claimOfferResponseSchema);
}

/** OpenID4VCI-style proof of possession: the holder key signs the issuer's nonce. */
export function createProof(
  identity: Pick<HolderIdentity, "did" | "kid" | "keyPair">,
  { audience, nonce }: { audience: string; nonce: string },
  now: Date = new Date(),
): Promise<string> {
  return signJwt(
    { alg: "ES256", typ: "openid4vci-proof+jwt", kid: identity.kid },
    { iss: identity.did, aud: audience, nonce, iat: Math.floor(now.getTime() / 1000) },
    identity.keyPair.privateKey,
  );
}

export type ClaimOutcome = {
  credential: StoredCredential;
  /** False when this credential was already in the wallet. */
  added: boolean;
  identity: HolderIdentity;
};

export type ClaimDeps = {
  fetch: Fetch;
  createIdentity: () => Promise<HolderIdentity>;
  addCredential: typeof addCredential;
  now: () => Date;
  origin: string | undefined;
  /** This wallet's recovery key DID, sent with the claim so a restored wallet can re-bind. */
  recoveryDid?: () => Promise<string | null>;
};

function defaultDeps(): ClaimDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    createIdentity,
    addCredential,
    now: () => new Date(),
    origin: typeof location === "undefined" ? undefined : location.origin,
    recoveryDid: ownRecoveryDid,
  };
}

export async function claimCredential(
  token: string,
  deps: ClaimDeps = defaultDeps(),
): Promise<ClaimOutcome> {
  // A fresh offer for a fresh nonce: the one fetched when the page opened may have gone stale
  // while the doctor read it. It also answers 410 before a wallet is made for a dead link.
  const { offer, nonce, audience } = await fetchClaimOffer(token, deps.fetch);
  const identity = await deps.createIdentity();
  const proof = await createProof(identity, { audience, nonce }, deps.now());
  const recoveryDid = (await deps.recoveryDid?.()) ?? null;
  const result = await callClaimApi(deps.fetch, token, claimResultSchema, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(recoveryDid ? { proof, recovery_did: recoveryDid } : { proof }),
  });
  // Not a security check (verifiers do those), a sanity one: a credential bound to someone
  // else's DID would be useless here, so it is refused rather than filed.
  if (decodeJwt(result.credential)?.payload.sub !== identity.did) {
    throw new ClaimError(
      "WRONG_HOLDER",
      "The issuer sent a credential made out to a different wallet. Contact the issuer for a new link.",
    );
  }
  const { credential, added } = await deps.addCredential({
    jwt: result.credential,
    issuerName: offer.issuer.name,
    fallbackId: result.id,
    ...(deps.origin ? { claimedFrom: deps.origin } : {}),
    ...(recoveryDid ? { recoveryDid } : {}),
  });
  return { credential, added, identity };
}
