import { Base64urlError, decodeBase64url } from "./base64url";
import { fetchBounded, FETCH_TIMEOUT_MS } from "./fetch-bounded";
import { multikeyToJwk } from "./multikey";
import { isJsonObject, parseJson } from "./parse-json";
import { didDocumentSchema, publicJwkSchema, type DidDocument, type PublicJwk } from "./schemas";
import { remember, settledValue } from "./settled-value";

/**
 * DID resolution for the verifier: did:web (fetched), did:key and did:jwk (computed). Issuers use
 * did:web so they can rotate keys; holders use did:key / did:jwk derived from their browser key.
 *
 * A resolver instance caches successful resolutions for a fixed TTL and shares in-flight lookups,
 * so a roster of 500 credentials from one issuer costs one request for its DID document; failures
 * are not cached: a blip must not stick for five minutes.
 */

export type { DidDocument } from "./schemas";

export type DidResolution =
  | { ok: true; document: DidDocument }
  | { ok: false; code: "DID_UNSUPPORTED" | "DID_NOT_RESOLVED"; message: string };

export type ResolveDid = ((did: string) => Promise<DidResolution>) & {
  /**
   * The document already resolved and still fresh, or undefined; never starts a resolution. Lets
   * a verifier start a signature check from the JWS header alone (see verify-credential).
   */
  peek?: (did: string) => DidResolution | undefined;
};

export type DidResolverOptions = {
  fetch: typeof globalThis.fetch;
  /** How long a resolved document is reused. Explicit, because key rotation waits this long. */
  ttlMs?: number;
  now?: () => Date;
  timeoutMs?: number;
  /** Bound on cached DIDs; the oldest entry goes first. */
  maxEntries?: number;
};

export const DID_CACHE_TTL_MS = 5 * 60_000;
export const MAX_DID_DOCUMENT_BYTES = 64 * 1024;
const MAX_DID_LENGTH = 2048;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const HOST = /^(\[::1\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;
const PATH_SEGMENT = /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/;

function unsupported(message: string): DidResolution {
  return { ok: false, code: "DID_UNSUPPORTED", message };
}

function notResolved(message: string): DidResolution {
  return { ok: false, code: "DID_NOT_RESOLVED", message };
}

/**
 * The HTTPS (or loopback HTTP) URL of a did:web document, or null if the DID is not a did:web we
 * accept. `did:web:example.com` → `https://example.com/.well-known/did.json`;
 * `did:web:localhost%3A3000:issuers:acme` → `http://localhost:3000/issuers/acme/did.json`.
 */
export function didWebUrl(did: string): string | null {
  if (!did.startsWith("did:web:")) return null;
  const [encodedHost, ...path] = did.slice("did:web:".length).split(":");
  if (!encodedHost) return null;
  // The port colon (and an IPv6 literal's brackets and colons) arrive percent-encoded; after
  // decoding, the host must still be a plain hostname, so `@`, `/` or `?` can never slip in.
  let host: string;
  try {
    host = decodeURIComponent(encodedHost);
  } catch {
    return null;
  }
  const match = HOST.exec(host);
  if (!match) return null;
  const [, hostname, port] = match;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  if (path.some((s) => !PATH_SEGMENT.test(s) || s === "." || s === "..")) return null;
  const scheme = LOOPBACK_HOSTS.has(hostname!.toLowerCase()) ? "http" : "https";
  const pathname = path.length > 0 ? `/${path.join("/")}/did.json` : "/.well-known/did.json";
  return `${scheme}://${host}${pathname}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The document every did:key / did:jwk implies: one key, usable for assertions and logins. */
function singleKeyDocument(
  did: string,
  fragment: string,
  jwk: PublicJwk,
  forSigning: boolean,
): DidDocument {
  const id = `${did}#${fragment}`;
  return {
    id: did,
    verificationMethod: [{ id, type: "JsonWebKey2020", controller: did, publicKeyJwk: jwk }],
    ...(forSigning ? { assertionMethod: [id], authentication: [id] } : {}),
  };
}

function resolveDidKey(did: string): DidResolution {
  const multikey = did.slice("did:key:".length);
  try {
    return { ok: true, document: singleKeyDocument(did, multikey, multikeyToJwk(multikey), true) };
  } catch (err) {
    return unsupported(`${did} is not a supported did:key: ${(err as Error).message}.`);
  }
}

function resolveDidJwk(did: string): DidResolution {
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(
      decodeBase64url(did.slice("did:jwk:".length)),
    );
  } catch (err) {
    const why = err instanceof Base64urlError ? err.message : "not UTF-8";
    return unsupported(`${did} is not a valid did:jwk (${why}).`);
  }
  const parsed = parseJson(json, 4);
  if (!parsed.ok || !isJsonObject(parsed.value))
    return unsupported(`${did} does not carry a JSON JWK.`);
  const jwk = publicJwkSchema.safeParse(parsed.value);
  if (!jwk.success)
    return unsupported(`${did} does not carry a public JWK: ${jwk.error.issues[0]?.message}.`);
  const { d: _private, ...publicJwk } = jwk.data;
  // did:jwk spec: a key marked for encryption is only a key-agreement key, never a signing key.
  return { ok: true, document: singleKeyDocument(did, "0", publicJwk, parsed.value.use !== "enc") };
}

async function resolveDidWeb(
  did: string,
  fetchFn: typeof globalThis.fetch,
  timeoutMs: number,
): Promise<DidResolution> {
  const url = didWebUrl(did);
  if (!url) return unsupported(`${did} is not a did:web identifier Vitae can resolve.`);
  const res = await fetchBounded(fetchFn, url, {
    timeoutMs,
    maxBytes: MAX_DID_DOCUMENT_BYTES,
    accept: "application/did+json, application/json",
  });
  if (!res.ok) return notResolved(`The DID document of ${did}: ${res.message}.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(res.bytes);
  } catch {
    return notResolved(`The DID document at ${url} is not UTF-8 text.`);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return notResolved(`The DID document at ${url} is ${parsed.message}.`);
  const doc = didDocumentSchema.safeParse(parsed.value);
  if (!doc.success) {
    const issue = doc.error.issues[0];
    return notResolved(
      `The DID document at ${url} is malformed (${issue?.path.join(".") || "document"}: ${issue?.message}).`,
    );
  }
  // Without this, any server could publish a document claiming to be another issuer.
  if (doc.data.id !== did)
    return notResolved(`The DID document at ${url} is for ${doc.data.id}, not ${did}.`);
  return { ok: true, document: doc.data };
}

export function createDidResolver(options: DidResolverOptions): ResolveDid {
  const {
    fetch: fetchFn,
    ttlMs = DID_CACHE_TTL_MS,
    now = () => new Date(),
    timeoutMs = FETCH_TIMEOUT_MS,
    maxEntries = 1000,
  } = options;
  const cache = new Map<string, { expiresAt: number; promise: Promise<DidResolution> }>();

  async function resolveUncached(did: string): Promise<DidResolution> {
    if (
      typeof did !== "string" ||
      did.length > MAX_DID_LENGTH ||
      !/^did:[a-z0-9]+:[^#?/\s]+$/.test(did)
    ) {
      return unsupported(`"${String(did).slice(0, 80)}" is not a DID.`);
    }
    try {
      if (did.startsWith("did:web:")) return await resolveDidWeb(did, fetchFn, timeoutMs);
      if (did.startsWith("did:key:")) return resolveDidKey(did);
      if (did.startsWith("did:jwk:")) return resolveDidJwk(did);
    } catch (err) {
      return notResolved(`${did} could not be resolved: ${(err as Error).message}.`);
    }
    return unsupported(`The DID method of ${did.split(":", 2).join(":")} is not supported.`);
  }

  const resolve: ResolveDid = (did) => {
    const hit = cache.get(did);
    if (hit && hit.expiresAt > now().getTime()) return hit.promise;
    cache.delete(did);

    // In flight, the entry never expires, so concurrent callers share the one request.
    const entry = {
      expiresAt: Number.POSITIVE_INFINITY,
      // Remembered, so a verification can use a cached document without an await (settled-value).
      promise: remember(resolveUncached(did).then(deepFreeze)),
    };
    cache.set(did, entry);
    if (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    void entry.promise.then((resolution) => {
      if (cache.get(did) !== entry) return;
      if (resolution.ok) entry.expiresAt = now().getTime() + ttlMs;
      else cache.delete(did);
    });
    return entry.promise;
  };
  resolve.peek = (did) => {
    const hit = cache.get(did);
    return hit && hit.expiresAt > now().getTime() ? settledValue(hit.promise)?.value : undefined;
  };
  return resolve;
}
