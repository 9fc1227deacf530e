import { signingBytes, type DecodedJwt } from "./decode-jwt";
import { multikeyToJwk } from "./multikey";
import { isHighS } from "./p256";
import type {
  DidDocument,
  PublicJwk,
  VerificationMethod,
  VerificationRelationship,
} from "./schemas";
import { remember, settledValue } from "./settled-value";
import type { VerificationCode } from "./verification";

/**
 * Checks a JWS signature against a key the signer's DID document lists for a purpose. The key
 * always comes from the DID document, never from the JWS header (`jwk`, `jku`, `x5c` are ignored),
 * and only two algorithms are accepted: EdDSA over Ed25519 and ES256 over P-256, each only with
 * its own key type, so "alg confusion" (`none`, HS256 keyed with a public key, …) has no way in.
 */

export const allowedAlgorithms = ["EdDSA", "Ed25519", "ES256"] as const;
export type JwsAlgorithm = (typeof allowedAlgorithms)[number];

export type JwsParts = Pick<DecodedJwt, "header" | "signingInput" | "signature">;

export type VerifyJwsOptions = {
  /** `did#frag` or `#frag`; when absent, every key of the document for `purpose` is tried. */
  kid: string | undefined;
  document: DidDocument;
  purpose: VerificationRelationship;
  /** Narrow the accepted algorithms further, e.g. `["ES256"]` for a browser-held P-256 key. */
  algorithms?: readonly JwsAlgorithm[];
};

export type JwsVerification =
  | { ok: true; method: VerificationMethod; alg: JwsAlgorithm }
  | {
      ok: false;
      code: VerificationCode;
      message: string;
      /** The check could not be made here (e.g. this browser lacks Ed25519), as opposed to failed. */
      indeterminate?: true;
    };

type KeyAlgorithm = { name: "Ed25519" } | { name: "ECDSA"; namedCurve: "P-256" };

const MAX_CACHED_KEYS = 256;
/** Imported keys by their JWK (importKey is the slow part of a verification). */
const keyCache = new Map<string, Promise<CryptoKey>>();

/**
 * A resolver hands out deep-frozen documents and keeps each for its TTL (see resolve-did), so for
 * a frozen document the methods it lists, their public JWKs and the imported keys are worked out
 * once and kept with it: they live exactly as long as the document, and a rotated document is a
 * new object with nothing carried over. Documents that are not frozen are worked out every time.
 */
const documentMethods = new WeakMap<
  DidDocument,
  Map<VerificationRelationship, VerificationMethod[]>
>();
type MethodKeys = { jwk: PublicJwk | null; keys: Map<string, Promise<CryptoKey>> };
const methodKeys = new WeakMap<VerificationMethod, MethodKeys>();

function isAllowed(alg: unknown, algorithms: readonly JwsAlgorithm[]): alg is JwsAlgorithm {
  return typeof alg === "string" && (algorithms as readonly string[]).includes(alg);
}

const ED25519_KEY: KeyAlgorithm = { name: "Ed25519" };
const P256_KEY: KeyAlgorithm = { name: "ECDSA", namedCurve: "P-256" };
const ED25519_VERIFY = { name: "Ed25519" };
const ES256_VERIFY = { name: "ECDSA", hash: "SHA-256" };

function keyAlgorithmFor(alg: JwsAlgorithm): KeyAlgorithm {
  return alg === "ES256" ? P256_KEY : ED25519_KEY;
}

/**
 * Off-heap scratch space for the 64 signature bytes handed to WebCrypto. A 64-byte typed array
 * lives on V8's heap, and handing one to WebCrypto makes V8 give it an ArrayBuffer of its own (an
 * allocation per credential); copying it here costs a 64-byte copy instead. Sound for the same
 * reason as `signingBytes`: verify() takes a copy of its `signature` argument before it returns
 * (WebCrypto §14.3.4 step 3; fast-paths.test.ts checks it in this runtime).
 */
const signatureScratch = new Uint8Array(new ArrayBuffer(256), 0, 64);

function signatureBytes(signature: Uint8Array): Uint8Array<ArrayBuffer> {
  signatureScratch.set(signature);
  return signatureScratch;
}

function fits(alg: JwsAlgorithm, jwk: PublicJwk): boolean {
  return alg === "ES256"
    ? jwk.kty === "EC" && jwk.crv === "P-256"
    : jwk.kty === "OKP" && jwk.crv === "Ed25519";
}

function absolute(ref: string, documentId: string): string {
  return ref.startsWith("#") ? documentId + ref : ref;
}

/** The methods a document lists under a relationship, by reference or embedded. */
function methodsFor(
  didDocument: DidDocument,
  purpose: VerificationRelationship,
): readonly VerificationMethod[] {
  if (!Object.isFrozen(didDocument)) return listMethods(didDocument, purpose);
  let byPurpose = documentMethods.get(didDocument);
  if (!byPurpose) documentMethods.set(didDocument, (byPurpose = new Map()));
  let methods = byPurpose.get(purpose);
  if (!methods) {
    methods = listMethods(didDocument, purpose).map((m) => Object.freeze(m));
    for (const method of methods)
      methodKeys.set(method, { jwk: publicJwkOf(method), keys: new Map() });
    byPurpose.set(purpose, methods);
  }
  return methods;
}

function listMethods(
  didDocument: DidDocument,
  purpose: VerificationRelationship,
): VerificationMethod[] {
  const byId = new Map(
    didDocument.verificationMethod.map((m) => [absolute(m.id, didDocument.id), m]),
  );
  const out: VerificationMethod[] = [];
  for (const entry of didDocument[purpose] ?? []) {
    const method = typeof entry === "string" ? byId.get(absolute(entry, didDocument.id)) : entry;
    if (method) out.push({ ...method, id: absolute(method.id, didDocument.id) });
  }
  return out;
}

function publicJwkOf(method: VerificationMethod): PublicJwk | null {
  const known = methodKeys.get(method);
  if (known) return known.jwk;
  if (method.publicKeyJwk) {
    const { kty, crv, x, y } = method.publicKeyJwk;
    return { kty, crv, x, y };
  }
  if (method.publicKeyMultibase) {
    try {
      return multikeyToJwk(method.publicKeyMultibase);
    } catch {
      return null;
    }
  }
  return null;
}

function importPublicKey(
  jwk: PublicJwk,
  algorithm: KeyAlgorithm,
  method: VerificationMethod,
): Promise<CryptoKey> {
  const known = methodKeys.get(method);
  if (known) {
    let key = known.keys.get(algorithm.name);
    if (!key) {
      key = importJwk(jwk, algorithm);
      known.keys.set(algorithm.name, key);
      key.catch(() => known.keys.delete(algorithm.name));
    }
    return key;
  }
  return importJwk(jwk, algorithm);
}

function importJwk(jwk: PublicJwk, algorithm: KeyAlgorithm): Promise<CryptoKey> {
  const cacheKey = JSON.stringify([algorithm.name, jwk.kty, jwk.crv, jwk.x, jwk.y]);
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  // Only the members that are present: some engines reject `y: undefined` on an OKP key.
  const members = Object.fromEntries(Object.entries(jwk).filter(([, v]) => v !== undefined));
  const imported = remember(
    globalThis.crypto.subtle.importKey("jwk", members, algorithm, false, ["verify"]),
  );
  keyCache.set(cacheKey, imported);
  if (keyCache.size > MAX_CACHED_KEYS) {
    const oldest = keyCache.keys().next().value;
    if (oldest !== undefined) keyCache.delete(oldest);
  }
  imported.catch(() => keyCache.delete(cacheKey));
  return imported;
}

/**
 * Checks `jws` with one method's key. Not `async` on purpose: with the key already imported, the
 * signature goes to `crypto.subtle.verify` before this returns, so the caller can do other work
 * while it is checked (in Node, on libuv's thread pool; see verify-credential).
 */
function verifyWith(
  method: VerificationMethod,
  alg: JwsAlgorithm,
  jws: JwsParts,
): Promise<JwsVerification> {
  const jwk = publicJwkOf(method);
  if (!jwk) {
    return refuse("KEY_NOT_FOUND", `The key ${method.id} has no usable public key.`);
  }
  if (!fits(alg, jwk)) {
    return refuse(
      "ALG_KEY_MISMATCH",
      `${alg} does not fit the key ${method.id} (${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ""}).`,
    );
  }
  if (jws.signature.length !== 64) {
    return refuse(
      "SIGNATURE_INVALID",
      `An ${alg} signature is 64 bytes, not ${jws.signature.length}.`,
    );
  }
  // WebCrypto accepts both (r, s) and (r, n − s); accepting only the low one leaves each signed
  // credential exactly one valid encoding, so a copy cannot be re-spelled into a "new" credential.
  if (alg === "ES256" && isHighS(jws.signature)) {
    return refuse("SIGNATURE_INVALID", "The ES256 signature is not in low-S form.");
  }
  const imported = importPublicKey(jwk, keyAlgorithmFor(alg), method);
  const known = settledValue(imported);
  if (known) return verifySignature(known.value, method, alg, jws);
  return imported.then(
    (key) => verifySignature(key, method, alg, jws),
    (err: unknown): JwsVerification =>
      (err as Error).name === "NotSupportedError"
        ? {
            ok: false,
            code: "ALG_NOT_ALLOWED",
            message: `This environment's WebCrypto cannot verify ${alg}; try an up-to-date browser.`,
            indeterminate: true,
          }
        : {
            ok: false,
            code: "KEY_NOT_FOUND",
            message: `The key ${method.id} is not a valid ${jwk.crv} key.`,
          },
  );
}

function refuse(code: VerificationCode, message: string): Promise<JwsVerification> {
  return Promise.resolve({ ok: false, code, message });
}

const SIGNATURE_MISMATCH: JwsVerification = Object.freeze({
  ok: false,
  code: "SIGNATURE_INVALID",
  message: "The signature does not match the signed content.",
});

function verifySignature(
  key: CryptoKey,
  method: VerificationMethod,
  alg: JwsAlgorithm,
  jws: JwsParts,
): Promise<JwsVerification> {
  let valid: Promise<boolean>;
  try {
    // Both byte arguments may be scratch space: verify() copies them before it returns.
    valid = globalThis.crypto.subtle.verify(
      alg === "ES256" ? ES256_VERIFY : ED25519_VERIFY,
      key,
      signatureBytes(jws.signature),
      signingBytes(jws),
    );
  } catch {
    return Promise.resolve(SIGNATURE_MISMATCH);
  }
  return valid.then(
    (ok): JwsVerification => (ok ? { ok: true, method, alg } : SIGNATURE_MISMATCH),
    () => SIGNATURE_MISMATCH,
  );
}

/**
 * The algorithm gate on its own, so callers can refuse `none` / HS256 before spending a DID
 * resolution (a network request) on the token.
 */
export function checkAlgorithm(
  alg: unknown,
  algorithms: readonly JwsAlgorithm[] = allowedAlgorithms,
): { ok: true; alg: JwsAlgorithm } | { ok: false; code: "ALG_NOT_ALLOWED"; message: string } {
  if (isAllowed(alg, allowedAlgorithms) && isAllowed(alg, algorithms)) return { ok: true, alg };
  return {
    ok: false,
    code: "ALG_NOT_ALLOWED",
    message: `The algorithm ${JSON.stringify(alg ?? null)} is not accepted (allowed: ${algorithms.join(", ")}).`,
  };
}

/** Tries each usable key in turn (a JWS without `kid`), until one verifies. */
async function verifyWithAny(
  methods: readonly VerificationMethod[],
  alg: JwsAlgorithm,
  jws: JwsParts,
): Promise<JwsVerification> {
  let last: JwsVerification | undefined;
  for (const method of methods) {
    last = await verifyWith(method, alg, jws);
    if (last.ok) return last;
  }
  return last!;
}

/**
 * Not `async`, like `verifyWith`: with the document's key already imported, the signature check
 * has started by the time this returns.
 */
export function verifyJws(jws: JwsParts, options: VerifyJwsOptions): Promise<JwsVerification> {
  const { kid, document: didDocument, purpose, algorithms = allowedAlgorithms } = options;
  const gate = checkAlgorithm(jws.header.alg, algorithms);
  if (!gate.ok) return Promise.resolve(gate);
  const { alg } = gate;
  const candidates = methodsFor(didDocument, purpose);

  if (kid === undefined) {
    const usable = candidates.filter((m) => {
      const jwk = publicJwkOf(m);
      return jwk !== null && fits(alg, jwk);
    });
    if (usable.length === 0) {
      return refuse("KEY_NOT_FOUND", `${didDocument.id} lists no ${alg} key for ${purpose}.`);
    }
    return usable.length === 1 ? verifyWith(usable[0]!, alg, jws) : verifyWithAny(usable, alg, jws);
  }

  if (typeof kid !== "string" || kid.length > 2048) {
    return refuse("KEY_NOT_FOUND", "The JWS header's kid is not a key reference.");
  }
  const kidAbsolute = absolute(kid, didDocument.id);
  if (!kidAbsolute.startsWith(`${didDocument.id}#`)) {
    return refuse("KEY_NOT_FOUND", `The key ${kid} does not belong to ${didDocument.id}.`);
  }
  const method = candidates.find((m) => m.id === kidAbsolute);
  if (!method) {
    const listed = didDocument.verificationMethod.some(
      (m) => absolute(m.id, didDocument.id) === kidAbsolute,
    );
    return refuse(
      "KEY_NOT_FOUND",
      listed
        ? `The key ${kidAbsolute} is not listed under ${purpose} in ${didDocument.id}.`
        : `${didDocument.id} has no key ${kidAbsolute}.`,
    );
  }
  return verifyWith(method, alg, jws);
}
