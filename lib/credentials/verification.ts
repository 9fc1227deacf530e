/**
 * The shape every verification outcome takes, in the browser and in POST /api/v1/verify alike.
 * A check is `ok: true` (passed), `ok: false` (failed) or `ok: null` (could not be made). A result
 * is verified only when every check passed: "could not be checked" is never valid.
 *
 * Every code a check can carry is listed here, and documented in docs/verification-codes.md.
 */

export const checkIds = ["format", "signature", "validity", "status", "anchor", "trust"] as const;
export type CheckId = (typeof checkIds)[number];

/** A presentation's own checks, in order; each embedded credential still gets the six above. */
export const presentationCheckIds = [
  "format",
  "signature",
  "validity",
  "challenge",
  "audience",
  "holder",
  "credentials",
] as const;
export type PresentationCheckId = (typeof presentationCheckIds)[number];

export const verificationCodes = {
  // format
  FORMAT_OK: "The credential is a well-formed JWT verifiable credential.",
  MALFORMED_JWT: "The input is not a well-formed compact JWS.",
  INPUT_TOO_LARGE: "The input is larger than the accepted limit.",
  NON_CANONICAL_BASE64URL: "A JWT segment is not canonical base64url.",
  INVALID_JSON: "A JWT segment is not valid JSON, or is nested too deeply.",
  NOT_A_CREDENTIAL: "The JWT does not carry a verifiable credential (`vc` claim).",
  ISSUER_MISMATCH: "The credential's issuer differs from the JWT issuer (`iss`).",
  SUBJECT_MISMATCH: "The credential's subject id differs from the JWT subject (`sub`).",
  // signature
  SIGNATURE_VALID: "The issuer's signature is valid.",
  SIGNATURE_INVALID: "The signature does not match the credential's content.",
  ALG_NOT_ALLOWED: "The signing algorithm is not accepted.",
  ALG_KEY_MISMATCH: "The signing algorithm does not fit the issuer's key type.",
  DID_UNSUPPORTED: "The issuer's DID method is not supported.",
  DID_NOT_RESOLVED: "The issuer's DID document could not be fetched.",
  KEY_NOT_FOUND: "The signing key (`kid`) is not an assertion key of the issuer.",
  // validity
  VALIDITY_OK: "The credential is within its validity period.",
  EXPIRED: "The credential has expired.",
  NOT_YET_VALID: "The credential is not valid yet.",
  // status
  STATUS_ACTIVE: "The credential has not been revoked or suspended.",
  STATUS_NONE: "The credential has no status entry, so it cannot be revoked.",
  REVOKED: "The issuer has revoked the credential.",
  SUSPENDED: "The issuer has suspended the credential.",
  STATUS_TYPE_UNSUPPORTED:
    "The credential's status type is not supported, so its status is unknown.",
  STATUS_ENTRY_INVALID: "The credential's status entry is malformed.",
  STATUS_LIST_UNAVAILABLE: "The status list could not be fetched.",
  STATUS_LIST_INVALID: "The status list credential is malformed or its signature is not valid.",
  STATUS_LIST_ISSUER_MISMATCH: "The status list was not issued by the credential's issuer.",
  STATUS_INDEX_OUT_OF_RANGE: "The status index lies outside the status list.",
  STATUS_LIST_STALE:
    "The status list's validity period has ended and no fresher list was served, so the status is unknown.",
  // anchor
  ANCHOR_MATCH: "The status list is the latest version anchored on the ledger.",
  ANCHOR_NOT_APPLICABLE: "The credential has no status list, so there is nothing to anchor.",
  ANCHOR_NOT_FOUND: "The status list has never been anchored on the ledger.",
  ANCHOR_MISMATCH:
    "The served status list differs from the one anchored on the ledger: it was altered or never anchored.",
  ANCHOR_ROLLBACK:
    "The server served an older version of the status list than the one anchored on the ledger.",
  ANCHOR_OWNER_MISMATCH: "The status list was anchored by an account that is not the issuer's.",
  LEDGER_UNAVAILABLE: "The ledger could not be reached, so the anchor is unknown.",
  // trust
  TRUST_ACCREDITED: "The issuer is accredited for this credential type.",
  ISSUER_UNKNOWN: "The issuer is not in the trust registry.",
  NOT_ACCREDITED_FOR_TYPE: "The issuer is not accredited for this credential type.",

  // presentations (lib/credentials/verify-presentation.ts): format
  PRESENTATION_FORMAT_OK: "The presentation is a well-formed JWT verifiable presentation.",
  NOT_A_PRESENTATION: "The JWT does not carry a verifiable presentation (`vp` claim).",
  HOLDER_MISMATCH: "The presentation's holder differs from the JWT issuer (`iss`) who signed it.",
  PRESENTATION_EMPTY: "The presentation carries no credentials.",
  TOO_MANY_CREDENTIALS: "The presentation carries more credentials than accepted.",
  // presentations: signature
  HOLDER_SIGNATURE_VALID: "The holder's signature on the presentation is valid.",
  // presentations: validity
  PRESENTATION_VALIDITY_OK: "The presentation is within its validity period.",
  PRESENTATION_EXPIRED: "The presentation has expired.",
  PRESENTATION_NOT_YET_VALID: "The presentation is not valid yet (issued in the future).",
  // presentations: challenge
  NONCE_OK: "The presentation answers this verifier's challenge, and the nonce was fresh.",
  CHALLENGE_NOT_REQUESTED: "No challenge was requested, so a replay cannot be ruled out.",
  NONCE_MISSING: "The presentation does not carry the verifier's nonce.",
  NONCE_MISMATCH: "The presentation answers a different challenge (its nonce differs).",
  NONCE_REPLAYED: "The nonce was already used, has expired, or was not issued by this verifier.",
  NONCE_UNCHECKED: "The nonce store could not be reached, so a replay cannot be ruled out.",
  // presentations: audience
  AUDIENCE_OK: "The presentation is addressed to this verifier.",
  AUDIENCE_NOT_REQUESTED: "No audience was requested, so the addressee was not checked.",
  AUDIENCE_MISSING: "The presentation does not name its audience (`aud`).",
  AUDIENCE_MISMATCH: "The presentation is addressed to another verifier.",
  // presentations: holder binding
  HOLDER_IS_SUBJECT: "The holder who signed the presentation is the subject of every credential.",
  HOLDER_NOT_SUBJECT: "The holder who signed the presentation is not the subject of a credential.",
  HOLDER_BINDING_WAIVED:
    "The verifier allowed credentials about someone other than the holder, so binding was not required.",
  // presentations: embedded credentials
  CREDENTIALS_VERIFIED: "Every credential in the presentation is verified.",
  CREDENTIAL_NOT_VERIFIED: "A credential in the presentation failed verification.",
  CREDENTIAL_UNKNOWN: "A credential in the presentation could not be fully checked.",
  ACCREDITATION_WITHDRAWN: "The accreditation authority has withdrawn the issuer's accreditation.",
  ACCREDITATION_EXPIRED: "The issuer's accreditation has ended.",
  ACCREDITATION_NOT_YET_VALID: "The issuer's accreditation has not started yet.",
  TRUST_REGISTRY_UNAVAILABLE:
    "The trust registry could not be read, so the issuer's accreditation is unknown.",
} as const;

export type VerificationCode = keyof typeof verificationCodes;

export type Check = {
  id: CheckId;
  ok: boolean | null;
  code: VerificationCode;
  message: string;
  /** Extra facts for the UI (anchor version, block time, list URL, …). Never personal data. */
  details?: Record<string, string | number | boolean | null>;
};

/** A check of a presentation itself; same shape, its own ids. */
export type PresentationCheck = Omit<Check, "id"> & { id: PresentationCheckId };

export type VerificationResult<T = unknown> = {
  verified: boolean;
  checks: Check[];
  /** The decoded credential, when the input could be decoded at all. */
  credential?: T;
};

export function check(
  id: CheckId,
  ok: boolean | null,
  code: VerificationCode,
  message: string = verificationCodes[code],
  details?: Check["details"],
): Check {
  return details ? { id, ok, code, message, details } : { id, ok, code, message };
}

export function resultOf<T>(checks: Check[], credential?: T): VerificationResult<T> {
  const verified = checks.length > 0 && checks.every((c) => c.ok === true);
  return credential === undefined ? { verified, checks } : { verified, checks, credential };
}
