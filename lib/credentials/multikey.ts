import { decodeBase58btc, encodeBase58btc } from "./base58btc";
import { decodeBase64url, encodeBase64url } from "./base64url";
import { compressP256Point, decodeP256Point } from "./p256";
import type { PublicJwk } from "./schemas";

/**
 * Multikey ⇄ JWK for the two key types Vitae accepts. A Multikey is `z` + base58btc(multicodec
 * varint ‖ raw public key); it is what a did:key identifier carries after `did:key:`.
 */

const ED25519_PUB = [0xed, 0x01] as const; // multicodec 0xed, varint-encoded
const P256_PUB = [0x80, 0x24] as const; // multicodec 0x1200, varint-encoded

export class MultikeyError extends Error {
  override name = "MultikeyError";
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function multikeyToJwk(multibase: string): PublicJwk {
  if (!multibase.startsWith("z"))
    throw new MultikeyError("only base58btc (z…) multikeys are supported");
  let bytes: Uint8Array;
  try {
    bytes = decodeBase58btc(multibase.slice(1));
  } catch (err) {
    throw new MultikeyError((err as Error).message);
  }
  if (startsWith(bytes, ED25519_PUB)) {
    const key = bytes.subarray(2);
    if (key.length !== 32) throw new MultikeyError("an Ed25519 public key is 32 bytes");
    return { kty: "OKP", crv: "Ed25519", x: encodeBase64url(key) };
  }
  if (startsWith(bytes, P256_PUB)) {
    const point = decodeP256Point(bytes.subarray(2));
    if (!point) throw new MultikeyError("not a valid P-256 public key");
    return { kty: "EC", crv: "P-256", x: encodeBase64url(point.x), y: encodeBase64url(point.y) };
  }
  throw new MultikeyError("only Ed25519 (0xed) and P-256 (0x1200) multikeys are supported");
}

/** The compressed Multikey of an Ed25519 or P-256 JWK, e.g. to form a holder's did:key. */
export function jwkToMultikey(jwk: PublicJwk): string {
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519" && jwk.x) {
    const x = decodeBase64url(jwk.x);
    if (x.length !== 32) throw new MultikeyError("an Ed25519 public key is 32 bytes");
    return "z" + encodeBase58btc(new Uint8Array([...ED25519_PUB, ...x]));
  }
  if (jwk.kty === "EC" && jwk.crv === "P-256" && jwk.x && jwk.y) {
    const x = decodeBase64url(jwk.x);
    const y = decodeBase64url(jwk.y);
    if (x.length !== 32 || y.length !== 32)
      throw new MultikeyError("P-256 coordinates are 32 bytes");
    return "z" + encodeBase58btc(new Uint8Array([...P256_PUB, ...compressP256Point(x, y)]));
  }
  throw new MultikeyError("only Ed25519 and P-256 keys can be expressed as a multikey here");
}
