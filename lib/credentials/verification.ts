/**
 * The shape every verification outcome takes, in the browser and in POST /api/v1/verify alike.
 * A check is `ok: true` (passed), `ok: false` (failed) or `ok: null` (could not be made). A result
 * is verified only when every check passed: "could not be checked" is never valid.
 *
 * Every code a check can carry is listed here, and documented in docs/verification-codes.md.
 */

export const checkIds = ["format", "signature", "validity", "status", "anchor", "trust"] as const;
export type CheckId = (typeof checkIds)[number];

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
  // anchor
  ANCHOR_MATCH: "The status list is the latest version anchored on the ledger.",
  ANCHOR_NOT_APPLICABLE: "The credential has no status list, so there is nothing to anchor.",
  ANCHOR_NOT_FOUND: "The status list has never been anchored on the ledger.",
  ANCHOR_MISMATCH:
    "The served status list differs from the one anchored on the ledger (tampered or stale).",
  ANCHOR_OWNER_MISMATCH: "The status list was anchored by an account that is not the issuer's.",
  LEDGER_UNAVAILABLE: "The ledger could not be reached, so the anchor is unknown.",
  // trust
  TRUST_ACCREDITED: "The issuer is accredited for this credential type.",
  ISSUER_UNKNOWN: "The issuer is not in the trust registry.",
  NOT_ACCREDITED_FOR_TYPE: "The issuer is not accredited for this credential type.",
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
