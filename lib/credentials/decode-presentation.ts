import { decodeJwt, MAX_JWT_BYTES, type DecodedJwt } from "./decode-jwt";
import { isJsonObject } from "./parse-json";
import { presentationClaimSchema, W3C_CREDENTIALS_V1, type DecodedPresentation } from "./schemas";
import type { VerificationCode } from "./verification";

/**
 * Reads a JWT VP (VCDM 1.1 JWT encoding, as did-jwt-vc and Vitae's wallet write it) into a
 * `DecodedPresentation`, without checking any signature. Like `decodeCredential`, it refuses
 * anything that could mean two things: a `vp.holder` other than the signer, a token that is both
 * a credential and a presentation, an audience or nonce that is not plain text.
 */

/** Most credentials a presentation may carry: a full credentialing dossier, not a roster. */
export const MAX_PRESENTATION_CREDENTIALS = 20;
/** Room for MAX_PRESENTATION_CREDENTIALS typical credentials (2–4 KiB each) plus base64url. */
export const MAX_PRESENTATION_BYTES = 2 * MAX_JWT_BYTES;
const MAX_NONCE_LENGTH = 512;
const MAX_AUDIENCES = 8;

export type DecodePresentationResult =
  | { ok: true; presentation: DecodedPresentation; jws: DecodedJwt }
  | { ok: false; code: VerificationCode; message: string };

const BARE_DID = /^did:[a-z0-9]+:[^#?/\s]+$/;

function fail(code: VerificationCode, message: string): DecodePresentationResult {
  return { ok: false, code, message };
}

function seconds(payload: Record<string, unknown>, claim: string): Date | undefined | null {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return new Date(value * 1000);
}

export function decodePresentation(jwt: string): DecodePresentationResult {
  const jws = decodeJwt(jwt, MAX_PRESENTATION_BYTES);
  if (!jws.ok) return jws;
  const { header, payload } = jws;

  if (!isJsonObject(payload.vp)) {
    return fail(
      "NOT_A_PRESENTATION",
      payload.vp === undefined
        ? "The JWT has no `vp` claim, so it is not a verifiable presentation."
        : "The JWT's `vp` claim is not an object.",
    );
  }
  if (payload.vc !== undefined) {
    return fail(
      "NOT_A_PRESENTATION",
      "The JWT carries both a `vc` and a `vp` claim; a token must be one or the other.",
    );
  }
  const parsed = presentationClaimSchema.safeParse(payload.vp);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `vp.${issue.path.join(".")}` : "vp";
    return fail("NOT_A_PRESENTATION", `The JWT's \`${where}\` is malformed: ${issue?.message}.`);
  }
  const vp = parsed.data;
  if (vp["@context"][0] !== W3C_CREDENTIALS_V1) {
    return fail(
      "NOT_A_PRESENTATION",
      `The presentation's first @context must be ${W3C_CREDENTIALS_V1}.`,
    );
  }
  const types = typeof vp.type === "string" ? [vp.type] : vp.type;
  if (!types.includes("VerifiablePresentation")) {
    return fail(
      "NOT_A_PRESENTATION",
      "The presentation's type does not include VerifiablePresentation.",
    );
  }

  const iss = payload.iss;
  if (typeof iss !== "string" || !BARE_DID.test(iss)) {
    return fail(
      "NOT_A_PRESENTATION",
      "The presentation's JWT issuer (`iss`, the holder) is missing or not a DID.",
    );
  }
  if (vp.holder !== undefined && vp.holder !== iss) {
    return fail(
      "HOLDER_MISMATCH",
      `The presentation names ${vp.holder} as holder, but ${iss} signed it.`,
    );
  }

  const embedded = vp.verifiableCredential;
  if (embedded === undefined || (Array.isArray(embedded) && embedded.length === 0)) {
    return fail("PRESENTATION_EMPTY", "The presentation carries no credentials.");
  }
  if (!Array.isArray(embedded)) {
    return fail(
      "NOT_A_PRESENTATION",
      "The presentation's `vp.verifiableCredential` is not a list of credential JWTs.",
    );
  }
  if (embedded.length > MAX_PRESENTATION_CREDENTIALS) {
    return fail(
      "TOO_MANY_CREDENTIALS",
      `The presentation carries ${embedded.length} credentials; at most ${MAX_PRESENTATION_CREDENTIALS} are accepted.`,
    );
  }
  if (!embedded.every((c): c is string => typeof c === "string")) {
    return fail(
      "NOT_A_PRESENTATION",
      "Every entry of `vp.verifiableCredential` must be a credential JWT (a string).",
    );
  }

  const nonce = payload.nonce;
  if (nonce !== undefined && (typeof nonce !== "string" || nonce.length > MAX_NONCE_LENGTH)) {
    return fail("NOT_A_PRESENTATION", "The presentation's `nonce` is not a short string.");
  }
  const aud = payload.aud;
  const audience = aud === undefined ? [] : typeof aud === "string" ? [aud] : aud;
  if (
    !Array.isArray(audience) ||
    audience.length > MAX_AUDIENCES ||
    !audience.every((a): a is string => typeof a === "string")
  ) {
    return fail(
      "NOT_A_PRESENTATION",
      "The presentation's audience (`aud`) is not a string or a short list of strings.",
    );
  }
  const jti = payload.jti;
  if (jti !== undefined && typeof jti !== "string") {
    return fail("NOT_A_PRESENTATION", "The presentation's JWT id (`jti`) is not a string.");
  }
  const [iat, nbf, exp] = [
    seconds(payload, "iat"),
    seconds(payload, "nbf"),
    seconds(payload, "exp"),
  ];
  if (iat === null || nbf === null || exp === null) {
    return fail(
      "NOT_A_PRESENTATION",
      "The presentation's `iat`, `nbf` or `exp` is not a number of seconds.",
    );
  }

  return {
    ok: true,
    jws,
    presentation: {
      jwt,
      header,
      payload,
      vp,
      holder: iss,
      nonce,
      audience,
      id: jti ?? vp.id,
      issuedAt: iat,
      validFrom: nbf,
      validUntil: exp,
      credentials: embedded,
    },
  };
}
