import { decodeJwt } from "./decode-jwt";
import type { ResolveDid } from "./resolve-did";
import type { VerificationMethod, VerificationRelationship } from "./schemas";
import type { VerificationCode } from "./verification";
import { checkAlgorithm, verifyJws, type JwsAlgorithm } from "./verify-jws";

/**
 * Verifies any compact JWS whose issuer (`iss`) is a DID and whose `kid` is one of that DID's keys,
 * e.g. the proof of possession a wallet signs at claim time. Audience, nonce and the meaning of
 * the claims are the caller's business; this only answers "did `iss` sign exactly this?" and,
 * when given a clock, "is it within exp/nbf?".
 */

export type VerifyJwtOptions = {
  resolveDid: ResolveDid;
  /** authentication for a holder proving possession, assertionMethod for issued statements. */
  purpose: VerificationRelationship;
  algorithms?: readonly JwsAlgorithm[];
  /** When given, `exp` and `nbf` (if present) are enforced. */
  now?: () => Date;
  clockSkewSeconds?: number;
};

export type VerifyJwtResult =
  | {
      ok: true;
      header: Record<string, unknown>;
      payload: Record<string, unknown>;
      issuerDid: string;
      method: VerificationMethod;
    }
  | { ok: false; code: VerificationCode; message: string };

const DEFAULT_CLOCK_SKEW_SECONDS = 60;
const BARE_DID = /^did:[a-z0-9]+:[^#?/\s]+$/;

function fail(code: VerificationCode, message: string): VerifyJwtResult {
  return { ok: false, code, message };
}

export async function verifyJwt(jwt: string, options: VerifyJwtOptions): Promise<VerifyJwtResult> {
  const decoded = decodeJwt(jwt);
  if (!decoded.ok) return decoded;
  const { header, payload } = decoded;

  const gate = checkAlgorithm(header.alg, options.algorithms);
  if (!gate.ok) return gate;
  const iss = payload.iss;
  if (typeof iss !== "string" || !BARE_DID.test(iss)) {
    return fail("MALFORMED_JWT", "The JWT's issuer (`iss`) is not a DID.");
  }
  const kid = header.kid;
  if (kid !== undefined && typeof kid !== "string") {
    return fail("MALFORMED_JWT", "The JWT header's `kid` is not a string.");
  }

  const resolution = await options.resolveDid(iss);
  if (!resolution.ok) return resolution;
  const verified = await verifyJws(decoded, {
    kid,
    document: resolution.document,
    purpose: options.purpose,
    algorithms: options.algorithms,
  });
  if (!verified.ok) return fail(verified.code, verified.message);

  if (options.now) {
    const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    const nowSeconds = options.now().getTime() / 1000;
    for (const claim of ["exp", "nbf"] as const) {
      const value = payload[claim];
      if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
        return fail("MALFORMED_JWT", `The JWT's \`${claim}\` is not a number of seconds.`);
      }
    }
    if (typeof payload.exp === "number" && nowSeconds >= payload.exp + skew) {
      return fail("EXPIRED", "The JWT has expired.");
    }
    if (typeof payload.nbf === "number" && nowSeconds < payload.nbf - skew) {
      return fail("NOT_YET_VALID", "The JWT is not valid yet.");
    }
  }
  return { ok: true, header, payload, issuerDid: iss, method: verified.method };
}
