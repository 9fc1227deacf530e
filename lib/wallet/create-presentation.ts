import "client-only";
import { W3C_CREDENTIALS_V1 } from "@/lib/credentials/schemas";
import type { HolderIdentity } from "./schemas";
import { signJwt } from "./sign-jwt";

/**
 * The doctor's answer to a verifier's request: a JWT verifiable presentation (VCDM 1.1 JWT
 * encoding) that wraps the chosen credentials and is signed with the wallet's non-extractable
 * P-256 key. It is bound to the verifier's nonce and audience, and short-lived, so it proves
 * possession once, to that verifier, now — a copy is worthless elsewhere or later.
 */

/** Long enough to scan and send; short enough that a leaked copy expires quickly. */
export const PRESENTATION_TTL_SECONDS = 5 * 60;

export type PresentationBinding = {
  /** The verifier's challenge, signed as `nonce`. */
  nonce: string;
  /** The verifier's identifier (its `domain`), signed as `aud`. */
  audience: string;
};

export type CreatePresentationOptions = {
  now?: Date;
  ttlSeconds?: number;
};

export async function createPresentation(
  identity: Pick<HolderIdentity, "did" | "kid" | "keyPair">,
  credentials: readonly string[],
  { nonce, audience }: PresentationBinding,
  { now = new Date(), ttlSeconds = PRESENTATION_TTL_SECONDS }: CreatePresentationOptions = {},
): Promise<string> {
  if (credentials.length === 0) throw new Error("A presentation needs at least one credential.");
  if (!nonce || !audience) throw new Error("A presentation must be bound to a nonce and audience.");
  const iat = Math.floor(now.getTime() / 1000);
  return signJwt(
    { alg: "ES256", typ: "JWT", kid: identity.kid },
    {
      iss: identity.did,
      aud: audience,
      nonce,
      iat,
      nbf: iat,
      exp: iat + ttlSeconds,
      jti: `urn:uuid:${crypto.randomUUID()}`,
      vp: {
        "@context": [W3C_CREDENTIALS_V1],
        type: ["VerifiablePresentation"],
        holder: identity.did,
        verifiableCredential: [...credentials],
      },
    },
    identity.keyPair.privateKey,
  );
}
