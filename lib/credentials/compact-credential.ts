import { deflateSync, inflateSync } from "fflate";
import { Base64urlError, decodeBase64url, encodeBase64url } from "./base64url";

/**
 * The offline QR form of a credential, in the spirit of SMART Health Cards: small enough for a
 * QR code a phone camera reads off another phone's screen, yet carrying the issuer's original
 * JWT byte for byte, so its signature verifies unchanged.
 *
 *   VITAE1:<digits>
 *
 * The JWT's three segments are base64url-decoded to their bytes (the strict decoder accepts one
 * spelling per byte string, so re-encoding gives back exactly the signed text), framed with their
 * lengths, compressed with raw DEFLATE against a fixed dictionary of the strings every Vitae
 * credential repeats, and written as decimal digits: 7 bytes to 17 digits, which QR numeric mode
 * stores at 10 bits per 3 digits (1.2 % over the bytes themselves, against 33 % for base64 text in
 * byte mode). The prefix and digits are all in QR's alphanumeric and numeric sets, so the code has
 * no byte-mode segment at all, and no character that trimming or line-wrapping could damage.
 *
 * The "1" is the format version: the dictionary below is frozen for it. A change to the
 * dictionary or the framing is VITAE2.
 */

export const COMPACT_PREFIX = "VITAE1:";

// Frozen for VITAE1. Most useful strings last: DEFLATE reaches the end of the dictionary with
// the shortest distances.
const DICTIONARY = new TextEncoder().encode(
  [
    '{"alg":"EdDSA","kid":"did:web:',
    '{"alg":"ES256","typ":"JWT","kid":"did:web:',
    '#key-1","typ":"JWT"}',
    '"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"',
    '"AchievementCredential","achievement":{"achievementType":"',
    '"MedicalDegreeCredential","SpecialtyCertificationCredential","PostgraduateTrainingCredential",',
    '"ClinicalPrivilegesCredential","CompetencyCredential","MedicalLicenseCredential"',
    '"licenseNumber":"","jurisdiction":"","scope":"","validFrom":"","validUntil":"',
    '"conditions":[{"code":"","text":"',
    '"statusListVersion":',
    '{"sub":"did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6I',
    '","jti":"urn:uuid:',
    '","nbf":',
    ',"exp":',
    ',"vc":{"@context":["https://www.w3.org/2018/credentials/v1","https://vitae.example/contexts/doctor-credentials/v1"',
    '],"type":["VerifiableCredential",',
    '],"credentialSubject":{"name":"Dr ',
    '"},"credentialStatus":[{"id":"https://',
    "/api/v1/status-lists/",
    "-revocation-1#",
    '","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"',
    '","statusListCredential":"https://',
    "-suspension-1#",
    '","type":"BitstringStatusListEntry","statusPurpose":"suspension","statusListIndex":"',
    '"}]},"iss":"did:web:',
  ].join(""),
);

// Beyond the largest QR code (7,089 digits at version 40, level L): refuse before any work.
const MAX_DIGITS = 7_089;
// A credential in a QR code inflates to a few kilobytes; more is a decompression bomb.
const MAX_INFLATED = 64 * 1024;

const CHUNK_BYTES = 7;
const CHUNK_DIGITS = 17;
/** Digits for a tail of n bytes (1–6): the fewest that hold 256^n − 1, all different. */
const TAIL_DIGITS = [0, 3, 5, 8, 10, 13, 15] as const;

export type CompactDecodeResult =
  { ok: true; jwt: string } | { ok: false; code: "COMPACT_MALFORMED"; message: string };

function bytesToDigits(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
    const chunk = bytes.subarray(i, i + CHUNK_BYTES);
    let value = 0n;
    for (const byte of chunk) value = (value << 8n) | BigInt(byte);
    const width = chunk.length === CHUNK_BYTES ? CHUNK_DIGITS : TAIL_DIGITS[chunk.length]!;
    out += value.toString().padStart(width, "0");
  }
  return out;
}

function digitsToBytes(digits: string): Uint8Array | null {
  const tailDigits = digits.length % CHUNK_DIGITS;
  const tailBytes = TAIL_DIGITS.indexOf(tailDigits as (typeof TAIL_DIGITS)[number]);
  if (tailBytes < 0) return null;
  const whole = (digits.length - tailDigits) / CHUNK_DIGITS;
  const out = new Uint8Array(whole * CHUNK_BYTES + tailBytes);
  let o = 0;
  for (let i = 0; i < digits.length;) {
    const n = i + CHUNK_DIGITS <= digits.length ? CHUNK_BYTES : tailBytes;
    const width = n === CHUNK_BYTES ? CHUNK_DIGITS : tailDigits;
    let value = BigInt(digits.slice(i, i + width));
    // One spelling per byte string: a chunk too large for its bytes is not ours.
    if (value >= 1n << BigInt(8 * n)) return null;
    for (let b = n - 1; b >= 0; b--, value >>= 8n) out[o + b] = Number(value & 0xffn);
    o += n;
    i += width;
  }
  return out;
}

function writeVarint(out: number[], value: number): void {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
}

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] | null {
  let value = 0;
  for (let shift = 0, i = at; i < bytes.length && shift < 28; shift += 7, i++) {
    const byte = bytes[i]!;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) return [value, i + 1];
  }
  return null;
}

/**
 * The compact text of a compact JWT, or null when the JWT cannot be carried exactly (a segment
 * that is not canonical base64url): the caller then shows the JWT itself.
 */
function encode(jwt: string): string | null {
  const segments = jwt.split(".");
  if (segments.length !== 3) return null;
  let header: Uint8Array, payload: Uint8Array, signature: Uint8Array;
  try {
    [header, payload, signature] = segments.map(decodeBase64url) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
  } catch (error) {
    if (error instanceof Base64urlError) return null;
    throw error;
  }
  const frame: number[] = [];
  writeVarint(frame, header.length);
  writeVarint(frame, payload.length);
  const framed = new Uint8Array(frame.length + header.length + payload.length + signature.length);
  framed.set(frame, 0);
  framed.set(header, frame.length);
  framed.set(payload, frame.length + header.length);
  framed.set(signature, frame.length + header.length + payload.length);
  const compressed = deflateSync(framed, { level: 9, mem: 8, dictionary: DICTIONARY });
  return COMPACT_PREFIX + bytesToDigits(compressed);
}

const malformed = (message: string): CompactDecodeResult => ({
  ok: false,
  code: "COMPACT_MALFORMED",
  message,
});

/** The original JWT back from compact text (with or without the prefix's exact case). */
function decode(text: string): CompactDecodeResult {
  const body = text.trim();
  if (body.slice(0, COMPACT_PREFIX.length).toUpperCase() !== COMPACT_PREFIX) {
    return malformed("This is not a Vitae offline credential code.");
  }
  // Line breaks from pasting are harmless; anything else is damage.
  const digits = body.slice(COMPACT_PREFIX.length).replace(/\s+/g, "");
  if (!/^\d+$/.test(digits) || digits.length > MAX_DIGITS) {
    return malformed("The offline credential code is damaged: it must be digits after VITAE1:.");
  }
  const compressed = digitsToBytes(digits);
  if (!compressed) return malformed("The offline credential code is damaged or cut short.");
  let framed: Uint8Array;
  try {
    const out = new Uint8Array(MAX_INFLATED + 1);
    framed = inflateSync(compressed, { out, dictionary: DICTIONARY });
  } catch {
    return malformed("The offline credential code is damaged: it does not decompress.");
  }
  if (framed.length > MAX_INFLATED) {
    return malformed("The offline credential code is larger than any credential.");
  }
  const headerLength = readVarint(framed, 0);
  const payloadLength = headerLength && readVarint(framed, headerLength[1]);
  if (!headerLength || !payloadLength) return malformed("The offline credential code is damaged.");
  const start = payloadLength[1];
  const payloadStart = start + headerLength[0];
  const signatureStart = payloadStart + payloadLength[0];
  if (signatureStart > framed.length) return malformed("The offline credential code is damaged.");
  return {
    ok: true,
    jwt: [
      framed.subarray(start, payloadStart),
      framed.subarray(payloadStart, signatureStart),
      framed.subarray(signatureStart),
    ]
      .map(encodeBase64url)
      .join("."),
  };
}

export const compactCredential = { encode, decode, prefix: COMPACT_PREFIX };
