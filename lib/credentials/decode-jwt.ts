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

/**
 * Headers already decoded, by their exact base64url text. A roster's 10,000 credentials come from
 * a handful of issuers, each writing the same header (`alg`, `typ`, `kid`) on every credential, so
 * the same header text is decoded and checked once. Only headers that passed every check are kept
 * (a refused header is decoded again, and refused with its own reason, every time); the key is the
 * whole segment, so a header that differs in a single character is a miss. Kept headers are deeply
 * frozen, because every JWT with that header shares the object.
 */
const MAX_CACHED_HEADERS = 64;
const MAX_CACHED_HEADER_LENGTH = 1024;
const headerCache = new Map<string, Record<string, unknown>>();

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

function headerOf(
  segment: string,
):
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; code: VerificationCode; message: string } {
  const cached = headerCache.get(segment);
  if (cached) return { ok: true, value: cached };
  const header = decodeJsonSegment(segment, "header");
  if (!header.ok) return header;
  // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must reject.
  if ("crit" in header.value) {
    return {
      ok: false,
      code: "MALFORMED_JWT",
      message: "The JWT uses critical header extensions (`crit`) Vitae does not support.",
    };
  }
  if (segment.length <= MAX_CACHED_HEADER_LENGTH) {
    if (headerCache.size >= MAX_CACHED_HEADERS) {
      const oldest = headerCache.keys().next().value;
      if (oldest !== undefined) headerCache.delete(oldest);
    }
    headerCache.set(segment, deepFreeze(header.value));
  }
  return header;
}

/** For tests: forget every cached header. */
export function clearHeaderCache(): void {
  headerCache.clear();
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

  const header = headerOf(h);
  if (!header.ok) return header;
  const payload = decodeJsonSegment(p, "payload");
  if (!payload.ok) return payload;
  const signature = decodeSegment(s, "signature");
  if (!signature.ok) return signature;

  // `header.payload` is the JWT's first characters, all ASCII (they passed base64url). Its bytes
  // are made only when asked for: the verifier hands them to WebCrypto from scratch space instead
  // (see `signingBytes`), because a browser allocates each new ArrayBuffer slowly.
  const length = h.length + 1 + p.length;
  const decoded: DecodedJwt = {
    ok: true,
    header: header.value,
    payload: payload.value,
    get signingInput(): Uint8Array {
      const bytes = asciiPrefix(jwt, length);
      Object.defineProperty(this, "signingInput", {
        value: bytes,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      // From here on the bytes are the truth (a caller may have changed them).
      unmaterialized.delete(this);
      return bytes;
    },
    signature: signature.bytes,
  };
  unmaterialized.set(decoded, { text: jwt, length });
  return decoded;
}

/**
 * The header, signature and signing input of a compact JWS whose header text is one `decodeJwt`
 * already accepted (it is in the header cache), without decoding the payload; `undefined` for
 * anything else. Lets a verifier start a signature check before the payload is read (see
 * verify-credential); `decodeJwt` still decides whether the JWT is well-formed.
 */
export function splitKnownJws(
  jwt: string,
): Pick<DecodedJwt, "header" | "signingInput" | "signature"> | undefined {
  if (jwt.length > MAX_JWT_BYTES) return undefined;
  const first = jwt.indexOf(".");
  const last = jwt.lastIndexOf(".");
  if (first <= 0 || last <= first + 1 || jwt.indexOf(".", first + 1) !== last) return undefined;
  const header = headerCache.get(jwt.slice(0, first));
  if (!header) return undefined;
  let signature: Uint8Array;
  try {
    signature = decodeBase64url(jwt.slice(last + 1));
  } catch {
    return undefined;
  }
  const parts = {
    header,
    get signingInput(): Uint8Array {
      return asciiPrefix(jwt, last);
    },
    signature,
  };
  unmaterialized.set(parts, { text: jwt, length: last });
  return parts;
}

/** Decoded JWTs whose signing input has not been turned into bytes yet, with where it lies. */
const unmaterialized = new WeakMap<object, { text: string; length: number }>();
let scratch = new Uint8Array(4096);

/**
 * The bytes a JWS signature covers, for immediate use by WebCrypto: for a JWT straight from
 * `decodeJwt`, they are written into scratch space that the next call overwrites. That is sound
 * only because WebCrypto copies its `data` argument before `verify()` returns (WebCrypto §14.3.4
 * step 4, "get a copy of the bytes held by the data parameter"; decode-jwt.test.ts checks it in
 * this runtime), so pass the result straight into `crypto.subtle.verify` and keep nothing of it.
 */
export function signingBytes(jws: Pick<DecodedJwt, "signingInput">): Uint8Array<ArrayBuffer> {
  const lazy = unmaterialized.get(jws);
  if (!lazy) {
    const bytes = jws.signingInput;
    return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
  }
  if (scratch.length < lazy.length) {
    let size = scratch.length;
    while (size < lazy.length) size *= 2;
    scratch = new Uint8Array(size);
  }
  const view = scratch.subarray(0, lazy.length);
  ascii.encodeInto(
    lazy.text.length === lazy.length ? lazy.text : lazy.text.slice(0, lazy.length),
    view,
  );
  return view;
}
