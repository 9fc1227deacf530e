/**
 * The little P-256 arithmetic the verifier needs and WebCrypto does not offer: decompressing the
 * 33-byte points of did:key / Multikey, and the curve order for the low-S rule. Plain BigInt math,
 * so the universal core takes no dependency for it.
 */

export const P256_P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  return n;
}

export function bigIntToBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function curveRhs(x: bigint): bigint {
  return mod(x * x * x - 3n * x + B, P256_P);
}

/** Returns the affine coordinates of a SEC1 point (compressed or not), or null if it is not on P-256. */
export function decodeP256Point(sec1: Uint8Array): { x: Uint8Array; y: Uint8Array } | null {
  const prefix = sec1[0];
  if (sec1.length === 65 && prefix === 4) {
    const x = bytesToBigInt(sec1.subarray(1, 33));
    const y = bytesToBigInt(sec1.subarray(33));
    if (x >= P256_P || y >= P256_P || mod(y * y, P256_P) !== curveRhs(x)) return null;
    return { x: sec1.slice(1, 33), y: sec1.slice(33) };
  }
  if (sec1.length !== 33 || (prefix !== 2 && prefix !== 3)) return null;
  const x = bytesToBigInt(sec1.subarray(1));
  if (x >= P256_P) return null;
  const rhs = curveRhs(x);
  // p ≡ 3 (mod 4), so a square root of rhs, if one exists, is rhs^((p+1)/4).
  let y = powMod(rhs, (P256_P + 1n) / 4n, P256_P);
  if (mod(y * y, P256_P) !== rhs) return null;
  if ((y & 1n) !== BigInt(prefix & 1)) y = P256_P - y;
  return { x: sec1.slice(1), y: bigIntToBytes(y, 32) };
}

export function compressP256Point(x: Uint8Array, y: Uint8Array): Uint8Array {
  const out = new Uint8Array(33);
  out[0] = (y[31]! & 1) === 1 ? 3 : 2;
  out.set(x, 1);
  return out;
}

/** True when a raw r‖s ES256 signature has s above n/2, the malleable twin of a low-S signature. */
export function isHighS(signature: Uint8Array): boolean {
  return bytesToBigInt(signature.subarray(32, 64)) > P256_N >> 1n;
}
