import { Base64urlError, decodeBase64url, decodeBase64urlToBinary } from "./base64url";
import { isJsonObject, MAX_JSON_DEPTH, parseJson } from "./parse-json";
import type { VerificationCode } from "./verification";

/**
 * Splits a compact JWS (RFC 7515) into its parts without trusting any of them. Nothing here checks
 * a signature; it only makes sure the parts are what they claim to be, so the verifier never
 * feeds attacker-shaped input to WebCrypto, zod or the UI.
 */

/**
 * The largest JWT we accept, in bytes (= characters: anything non-ASCII fails the base64url check).
 * A doctor's credential is a few KiB, and a full 131 072-entry status list is at most ~22 KiB once
 * gzipped and base64url-encoded, so 64 KiB leaves room while bounding the work a pasted or
 * scanned input can cause.
 */
export const MAX_JWT_BYTES = 64 * 1024;

export type DecodedJwt = {
  ok: true;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** ASCII bytes of `header.payload`, what the signature covers. */
  signingInput: Uint8Array;
  signature: Uint8Array;
};

export type DecodeJwtResult = DecodedJwt | { ok: false; code: VerificationCode; message: string };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const ascii = new TextEncoder();
const NON_ASCII = /[^\x00-\x7f]/;

function fail(code: VerificationCode, message: string): DecodeJwtResult {
  return { ok: false, code, message };
}

function decodeSegment(
  segment: string,
  name: string,
): { ok: true; bytes: Uint8Array } | { ok: false; code: VerificationCode; message: string } {
  try {
    return { ok: true, bytes: decodeBase64url(segment) };
  } catch (err) {
    if (!(err instanceof Base64urlError)) throw err;
    return {
      ok: false,
      code: "NON_CANONICAL_BASE64URL",
      message: `The JWT ${name}: ${err.message}.`,
    };
  }
}

function decodeJsonSegment(
  segment: string,
  name: string,
):
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; code: VerificationCode; message: string } {
  let binary: string;
  try {
    binary = decodeBase64urlToBinary(segment);
  } catch (err) {
    if (!(err instanceof Base64urlError)) throw err;
    return {
      ok: false,
      code: "NON_CANONICAL_BASE64URL",
      message: `The JWT ${name}: ${err.message}.`,
    };
  }
  // ASCII bytes are their own UTF-8 text; anything else is decoded strictly.
  let text = binary;
  if (NON_ASCII.test(binary)) {
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    try {
      text = utf8.decode(bytes);
    } catch {
      return { ok: false, code: "INVALID_JSON", message: `The JWT ${name} is not valid UTF-8.` };
    }
  }
  const parsed = parseJson(text, MAX_JSON_DEPTH);
  if (!parsed.ok)
    return { ok: false, code: "INVALID_JSON", message: `The JWT ${name} is ${parsed.message}.` };
  if (!isJsonObject(parsed.value)) {
    return { ok: false, code: "INVALID_JSON", message: `The JWT ${name} is not a JSON object.` };
  }
  return { ok: true, value: parsed.value };
}

function asciiPrefix(text: string, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  ascii.encodeInto(text, bytes);
  return bytes;
}

/** `maxBytes` is raised only for presentations, which embed several credentials. */
export function decodeJwt(jwt: string, maxBytes: number = MAX_JWT_BYTES): DecodeJwtResult {
  if (typeof jwt !== "string") return fail("MALFORMED_JWT", "The input is not text.");
  if (jwt.length > maxBytes) {
    return fail("INPUT_TOO_LARGE", `The input is larger than ${maxBytes / 1024} KiB.`);
  }
  const parts = jwt.split(".");
  if (parts.length !== 3) {
    return fail(
      "MALFORMED_JWT",
      `A compact JWS has 3 dot-separated parts, this has ${parts.length}.`,
    );
  }
  const [h, p, s] = parts as [string, string, string];
  if (h === "" || p === "") return fail("MALFORMED_JWT", "The JWT header or payload is empty.");

  const header = decodeJsonSegment(h, "header");
  if (!header.ok) return header;
  // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must reject.
  if ("crit" in header.value) {
    return fail(
      "MALFORMED_JWT",
      "The JWT uses critical header extensions (`crit`) Vitae does not support.",
    );
  }
  const payload = decodeJsonSegment(p, "payload");
  if (!payload.ok) return payload;
  const signature = decodeSegment(s, "signature");
  if (!signature.ok) return signature;

  return {
    ok: true,
    header: header.value,
    payload: payload.value,
    // `header.payload` is the JWT's first characters, all ASCII (they passed base64url).
    signingInput: asciiPrefix(jwt, h.length + 1 + p.length),
    signature: signature.bytes,
  };
}
