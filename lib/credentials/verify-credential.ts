import type { LedgerReader } from "@/lib/ledger/reader";
import {
  checkCachedStatus,
  checkStatus,
  type FetchedList,
  type StatusChecks,
} from "@/lib/status/check-status";
import { evaluateTrust } from "@/lib/trust/evaluate-trust";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import { decodeCredential } from "./decode-credential";
import { splitKnownJws } from "./decode-jwt";
import { isoString } from "./iso-string";
import type { DidResolution, ResolveDid } from "./resolve-did";
import type { DecodedCredential } from "./schemas";
import { settledValue } from "./settled-value";
import {
  check,
  resultOf,
  type Check,
  type CheckId,
  type VerificationCode,
  type VerificationResult,
} from "./verification";
import type { VerificationContext } from "./verification-context";
import { checkAlgorithm, verifyJws, type JwsVerification } from "./verify-jws";

/**
 * Verifies a credential JWT end to end, the same way in the verifier's browser and in
 * POST /api/v1/verify. The answer always lists the six checks in order (format, signature,
 * validity, status, anchor, trust). A check that cannot run because an earlier one failed is
 * `ok: null` and carries the blocking code: nothing read from an unverified payload (dates,
 * status entries, issuer) is allowed to pass a check.
 */

export type VerifyCredentialDeps = {
  resolveDid: ResolveDid;
  fetch: typeof globalThis.fetch;
  ledger: LedgerReader;
  /** A reading of the on-chain trust registry (possibly "unavailable"), taken once per batch. */
  trust: TrustSnapshot;
  now: () => Date;
  /** Tolerance for clocks that disagree, applied to both ends of the validity period. */
  clockSkewSeconds?: number;
  /** Shared across a batch so each status list is fetched once (see `checkStatus`). */
  statusListCache?: Map<string, Promise<FetchedList>>;
  /**
   * Shared by one verifier across its credentials: each status list is then also verified,
   * inflated and anchor-read once per TTL (see `createVerificationContext`).
   */
  context?: VerificationContext;
};

/** Small on purpose: enough for unsynchronised clocks, not enough to stretch an expiry. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

function notChecked(ids: CheckId[], code: VerificationCode, reason: string): Check[] {
  return ids.map((id) => check(id, null, code, `Not checked: ${reason}.`));
}

/**
 * Not `async` on purpose: with the issuer's document and key cached, the signature has gone to
 * WebCrypto by the time this returns (see settled-value), so `verifyCredential` can run the other
 * checks while it is being checked.
 */
function checkSignature(
  credential: DecodedCredential,
  jws: Parameters<typeof verifyJws>[0],
  deps: VerifyCredentialDeps,
): Promise<Check> {
  // Refuse `none`, HS256 and friends before spending a request on the issuer's DID document (cheap checks first).
  const gate = checkAlgorithm(credential.header.alg);
  if (!gate.ok) return Promise.resolve(check("signature", false, gate.code, gate.message));
  const kid = credential.header.kid;
  if (kid !== undefined && typeof kid !== "string") {
    return Promise.resolve(
      check("signature", false, "KEY_NOT_FOUND", "The JWT header's kid is not a key reference."),
    );
  }
  const withDocument = (resolution: DidResolution): Promise<Check> => {
    if (!resolution.ok) {
      return Promise.resolve(check("signature", null, resolution.code, resolution.message));
    }
    return verifyJws(jws, { kid, document: resolution.document, purpose: "assertionMethod" }).then(
      signatureCheck,
    );
  };
  const resolving = deps.resolveDid(credential.issuer);
  const resolved = settledValue(resolving);
  return resolved ? withDocument(resolved.value) : resolving.then(withDocument);
}

function signatureCheck(verified: JwsVerification): Check {
  return verified.ok
    ? check("signature", true, "SIGNATURE_VALID", undefined, {
        kid: verified.method.id,
        alg: verified.alg,
      })
    : check("signature", verified.indeterminate ? null : false, verified.code, verified.message);
}

/**
 * The signature check started from the JWS header alone, before the payload is decoded: when the
 * header is one already accepted, its `kid` is absolute and its DID's document is cached and
 * fresh (nothing is fetched). It counts only if the payload's issuer is that DID; the check is
 * then exactly `checkSignature`'s (same key reference, same document, same bytes).
 */
function earlySignature(
  jwt: string,
  deps: VerifyCredentialDeps,
): { did: string; check: Promise<Check> } | undefined {
  const peek = deps.resolveDid.peek;
  if (!peek) return undefined;
  const jws = splitKnownJws(jwt);
  if (!jws) return undefined;
  const { alg, kid } = jws.header;
  if (!checkAlgorithm(alg).ok || typeof kid !== "string" || !kid.startsWith("did:")) {
    return undefined;
  }
  const hash = kid.indexOf("#");
  if (hash < 0) return undefined;
  const did = kid.slice(0, hash);
  const resolution = peek(did);
  if (!resolution?.ok) return undefined;
  return {
    did,
    check: verifyJws(jws, { kid, document: resolution.document, purpose: "assertionMethod" }).then(
      signatureCheck,
    ),
  };
}

function checkValidity(credential: DecodedCredential, now: Date, skewSeconds: number): Check {
  const { validFrom, validUntil } = credential;
  const details = {
    validFrom: validFrom ? isoString(validFrom) : null,
    validUntil: validUntil ? isoString(validUntil) : null,
  };
  const skewMs = skewSeconds * 1000;
  if (validFrom && now.getTime() < validFrom.getTime() - skewMs) {
    return check(
      "validity",
      false,
      "NOT_YET_VALID",
      `The credential is valid from ${details.validFrom}.`,
      details,
    );
  }
  if (validUntil && now.getTime() >= validUntil.getTime() + skewMs) {
    return check(
      "validity",
      false,
      "EXPIRED",
      `The credential expired on ${details.validUntil}.`,
      details,
    );
  }
  return check("validity", true, "VALIDITY_OK", undefined, details);
}

export async function verifyCredential(
  jwt: string,
  deps: VerifyCredentialDeps,
): Promise<VerificationResult<DecodedCredential>> {
  // Pasted and scanned text often carries a stray newline; it is not part of the JWS.
  const text = typeof jwt === "string" ? jwt.trim() : jwt;
  // In Node the signature then runs on the thread pool while the payload is decoded.
  const early = typeof text === "string" ? earlySignature(text, deps) : undefined;
  const decoded = decodeCredential(text);
  if (!decoded.ok) {
    return resultOf([
      check("format", false, decoded.code, decoded.message),
      ...notChecked(
        ["signature", "validity", "status", "anchor", "trust"],
        decoded.code,
        "the credential could not be decoded",
      ),
    ]);
  }
  const { credential, jws } = decoded;
  const format = check("format", true, "FORMAT_OK");

  const signaturePending =
    early?.did === credential.issuer ? early.check : checkSignature(credential, jws, deps);
  // While the signature is being checked (in Node, on libuv's thread pool), the checks that need
  // no request run on this payload. Their answers are kept only if the signature holds; the status
  // check here uses only lists the verifier has already read (checkCachedStatus never fetches).
  const skewSeconds = deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const statusDeps = {
    fetch: deps.fetch,
    resolveDid: deps.resolveDid,
    ledger: deps.ledger,
    now: deps.now,
    clockSkewSeconds: skewSeconds,
    statusListCache: deps.statusListCache,
    context: deps.context,
  };
  const now = deps.now();
  const validity = checkValidity(credential, now, skewSeconds);
  const trust = evaluateTrust(credential.issuer, credential.type, deps.trust, now);
  let cachedStatus: StatusChecks | undefined;
  try {
    cachedStatus = checkCachedStatus(credential, statusDeps);
  } catch {
    cachedStatus = undefined; // the full check below runs and reports whatever went wrong
  }

  const signature = await signaturePending;
  if (signature.ok !== true) {
    return resultOf(
      [
        format,
        signature,
        ...notChecked(
          ["validity", "status", "anchor", "trust"],
          signature.code,
          "the issuer's signature could not be confirmed, so the credential's content is not trusted",
        ),
      ],
      credential,
    );
  }

  const { status, anchor } =
    cachedStatus ??
    (await checkStatus(credential, statusDeps).catch((err: unknown) => {
      const message = `Not checked: the status check failed unexpectedly (${(err as Error).message}).`;
      return {
        status: check("status", null, "STATUS_LIST_UNAVAILABLE", message),
        anchor: check("anchor", null, "STATUS_LIST_UNAVAILABLE", message),
      };
    }));
  return resultOf([format, signature, validity, status, anchor, trust], credential);
}
