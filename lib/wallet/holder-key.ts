import "client-only";
import { base64url } from "./base64url";
import { holderPublicJwkSchema, type HolderPublicJwk } from "./schemas";

/**
 * The doctor's key: WebCrypto ECDSA P-256, generated in this browser with the private key
 * non-extractable, so no script (ours included) can ever read it out; it can only sign. The
 * holder is identified by did:jwk, which carries the public key itself and needs no resolver,
 * registry or server.
 */

export type HolderKey = {
  did: string;
  kid: string;
  publicJwk: HolderPublicJwk;
  keyPair: CryptoKeyPair;
};

/** did:jwk of a P-256 public key. Only `crv`, `kty`, `x`, `y`, in that order, so the DID is stable. */
export function holderDid(jwk: HolderPublicJwk): string {
  const { crv, kty, x, y } = jwk;
  return `did:jwk:${base64url.encodeJson({ crv, kty, x, y })}`;
}

export async function generateHolderKey(): Promise<HolderKey> {
  const keyPair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ]);
  // The public half of a pair is always exportable, whatever `extractable` says.
  const exported = await crypto.subtle.exportKey("jwk", keyPair.publicKey);
  const publicJwk = holderPublicJwkSchema.parse({
    crv: exported.crv,
    kty: exported.kty,
    x: exported.x,
    y: exported.y,
  });
  const did = holderDid(publicJwk);
  return { did, kid: `${did}#0`, publicJwk, keyPair };
}
