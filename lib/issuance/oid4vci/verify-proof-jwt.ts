import "server-only";
import { encodeBase64url } from "@/lib/credentials/base64url";
import { decodeJwt } from "@/lib/credentials/decode-jwt";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { publicJwkSchema } from "@/lib/credentials/schemas";
import { verifyJws } from "@/lib/credentials/verify-jws";
import { PROOF_JWT_TYPE } from "@/lib/oid4vci/schemas";

/**
 * The key proof of OID4VCI 1.0 (Appendix F.1): a JWT with `typ: openid4vci-proof+jwt`, signed by
 * the key the credential will be bound to, named in the header either by `kid` (a did:jwk or
 * did:key URL) or by `jwk` (which we turn into its did:jwk). `aud` is the credential issuer's
 * identifier, `nonce` a c_nonce from our nonce endpoint, `iat` recent. `iss` is optional: the
 * pre-authorized flow is anonymous. Returns the holder DID, or the reason it was refused.
 */

const PROOF_MAX_AGE_S = 300;
const CLOCK_SKEW_S = 60;

// Holder keys are self-contained (did:jwk, did:key): nothing is fetched to resolve them.
const resolveHolderDid = createDidResolver({
  fetch: () => Promise.reject(new Error("Holder keys must be did:jwk or did:key.")),
});

export type ProofCheck =
  | { ok: true; holderDid: string; nonce: string }
  | { ok: false; error: "invalid_proof" | "invalid_nonce"; message: string };

function refuse(message: string): ProofCheck {
  return {
    ok: false,
    error: "invalid_proof",
    message: `The wallet's key proof was refused: ${message}.`,
  };
}

function didJwkOf(jwk: unknown): string | undefined {
  const parsed = publicJwkSchema.safeParse(jwk);
  if (!parsed.success) return undefined;
  const { kty, crv, x, y } = parsed.data;
  // did:jwk of the public members only, in the order the holder's own DID uses.
  const members = kty === "EC" ? { crv, kty, x, y } : { crv, kty, x };
  return `did:jwk:${encodeBase64url(new TextEncoder().encode(JSON.stringify(members)))}`;
}

export async function verifyProofJwt(
  jwt: string,
  { audience, now }: { audience: string; now: Date },
): Promise<ProofCheck> {
  const decoded = decodeJwt(jwt);
  if (!decoded.ok) return refuse(decoded.message);
  const { header, payload } = decoded;
  if (header.typ !== PROOF_JWT_TYPE) return refuse(`its type must be ${PROOF_JWT_TYPE}`);

  let did: string | undefined;
  let kid: string | undefined;
  if (typeof header.kid === "string" && header.jwk === undefined) {
    if (!/^did:(jwk|key):/.test(header.kid)) {
      return refuse("its kid must be a did:jwk or did:key key (or send the key as jwk)");
    }
    did = header.kid.split("#")[0];
    kid = header.kid;
  } else if (header.jwk !== undefined && header.kid === undefined) {
    did = didJwkOf(header.jwk);
    if (!did) return refuse("its jwk is not a public key");
  } else {
    return refuse("it must name its key by exactly one of kid and jwk");
  }
  const resolution = await resolveHolderDid(did!);
  if (!resolution.ok) return refuse(resolution.message);
  const signature = await verifyJws(decoded, {
    kid,
    document: resolution.document,
    purpose: "authentication",
    algorithms: ["ES256", "EdDSA", "Ed25519"],
  });
  if (!signature.ok) return refuse(signature.message);

  if (payload.aud !== audience && !(Array.isArray(payload.aud) && payload.aud.includes(audience))) {
    return refuse(`it is addressed to ${JSON.stringify(payload.aud ?? null)}, not to ${audience}`);
  }
  const iat = typeof payload.iat === "number" ? payload.iat : NaN;
  const age = now.getTime() / 1000 - iat;
  if (!(age <= PROOF_MAX_AGE_S && age >= -CLOCK_SKEW_S)) {
    return refuse("it is too old or from the future (check the device's clock)");
  }
  if (typeof payload.nonce !== "string" || payload.nonce.length === 0) {
    return {
      ok: false,
      error: "invalid_nonce",
      message: "The wallet's key proof has no nonce; fetch one from the nonce endpoint.",
    };
  }
  return { ok: true, holderDid: resolution.document.id, nonce: payload.nonce };
}
