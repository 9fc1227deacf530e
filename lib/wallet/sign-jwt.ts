import "client-only";
import { base64url } from "./base64url";

/**
 * ES256 compact JWS over WebCrypto. WebCrypto already returns the JWS signature format (raw
 * r || s, 32 bytes each), but either of the two valid `s` values; Vitae's verifier, like most
 * strict ones, accepts only the low one (s ≤ n/2), so every signature is normalised here.
 */

/** Order of the P-256 group. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_N = P256_N >> 1n;

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function toBytes32(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31, v = value; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** (r, s) → (r, n − s) when s is high; both verify, but only low-S is canonical. */
export function toLowS(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64)
    throw new Error(`expected a 64-byte P-256 signature, got ${signature.length}`);
  const s = toBigInt(signature.subarray(32));
  if (s <= HALF_N) return signature;
  const out = new Uint8Array(64);
  out.set(signature.subarray(0, 32), 0);
  out.set(toBytes32(P256_N - s), 32);
  return out;
}

export type Es256Header = { alg: "ES256"; typ?: string; kid?: string } & Record<string, unknown>;

export async function signJwt(
  header: Es256Header,
  payload: Record<string, unknown>,
  privateKey: CryptoKey,
): Promise<string> {
  const signingInput = `${base64url.encodeJson(header)}.${base64url.encodeJson(payload)}`;
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    privateKey,
    new TextEncoder().encode(signingInput),
  );
  return `${signingInput}.${base64url.encode(toLowS(new Uint8Array(signature)))}`;
}
