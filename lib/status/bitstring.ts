import { Gunzip, gzipSync } from "fflate";
import { Base64urlError, decodeBase64url, encodeBase64url } from "@/lib/credentials/base64url";

/**
 * The bitstring of a W3C Bitstring Status List v1.0: one bit per credential, index 0 being the
 * most significant bit of byte 0, published as multibase `u` + base64url(GZIP(bits)).
 *
 * Encoding is deterministic (fixed level, mtime 0) so re-signing an unchanged list gives the same
 * bytes and therefore the same anchored hash.
 */

/** 131 072 entries (16 KiB): the spec's minimum, so one credential hides among many. */
export const STATUS_LIST_SIZE = 131072;

/**
 * The largest decoded list we accept (16 Mi entries). GZIP compresses runs of zeros ~1000:1, so
 * without a bound a 64 KiB JWT could make a browser allocate tens of megabytes.
 */
export const MAX_BITSTRING_BYTES = 2 * 1024 * 1024;

export class BitstringError extends Error {
  override name = "BitstringError";
}

export function createBitstring(size: number = STATUS_LIST_SIZE): Uint8Array {
  if (!Number.isSafeInteger(size) || size <= 0 || size % 8 !== 0) {
    throw new RangeError("A status list size must be a positive multiple of 8.");
  }
  return new Uint8Array(size / 8);
}

function position(bits: Uint8Array, index: number): [byte: number, mask: number] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new RangeError(`Status index ${index} is outside the list (0…${bits.length * 8 - 1}).`);
  }
  return [index >> 3, 0x80 >> (index & 7)];
}

export function getBit(bits: Uint8Array, index: number): boolean {
  const [byte, mask] = position(bits, index);
  return (bits[byte]! & mask) !== 0;
}

export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  const [byte, mask] = position(bits, index);
  bits[byte] = value ? bits[byte]! | mask : bits[byte]! & ~mask;
}

export function encodeBitstring(bits: Uint8Array): string {
  return "u" + encodeBase64url(gzipSync(bits, { level: 9, mtime: 0 }));
}

/** Throws `BitstringError` on anything that is not a GZIP'd bitstring within the size bound. */
export function decodeBitstring(encoded: string): Uint8Array {
  let gz: Uint8Array;
  try {
    gz = decodeBase64url(encoded.startsWith("u") ? encoded.slice(1) : encoded);
  } catch (err) {
    if (err instanceof Base64urlError) throw new BitstringError(`encodedList: ${err.message}`);
    throw err;
  }
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) {
    throw new BitstringError("encodedList is not GZIP data");
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > MAX_BITSTRING_BYTES)
      throw new BitstringError("encodedList decompresses beyond the size limit");
    chunks.push(chunk.slice());
  });
  try {
    gunzip.push(gz, true);
  } catch (err) {
    if (err instanceof BitstringError) throw err;
    throw new BitstringError(`encodedList is not valid GZIP (${(err as Error).message})`);
  }
  // ISIZE (the last 4 bytes, little-endian) catches a truncated or padded stream.
  const declared =
    (gz[gz.length - 4]! | (gz[gz.length - 3]! << 8) | (gz[gz.length - 2]! << 16)) +
    gz[gz.length - 1]! * 2 ** 24;
  if (declared !== total)
    throw new BitstringError("encodedList's GZIP length does not match its content");
  if (total === 0) throw new BitstringError("encodedList is empty");
  const bits = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bits.set(chunk, offset);
    offset += chunk.length;
  }
  return bits;
}
