/**
 * Typed server errors. Route handlers map `AppError.status` to the HTTP status and send
 * `{ error: { code, message, fields? } }`. Verification outcomes are not errors: they are data
 * (see lib/credentials/verification.ts).
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION_FAILED"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "UNKNOWN_CREDENTIAL_TYPE"
  | "UNKNOWN_CREDENTIAL"
  | "CONFLICT"
  | "GONE"
  | "SHARE_NOT_FOUND"
  | "SHARE_EXPIRED"
  | "SHARE_REVOKED"
  | "SHARE_EXHAUSTED"
  | "REQUEST_EXPIRED"
  | "REQUEST_ANSWERED"
  | "NONCE_USED"
  | "PAYLOAD_TOO_LARGE"
  | "TOO_MANY_REQUESTS"
  | "PASSWORD_CHANGE_REQUIRED"
  | "LEDGER_UNAVAILABLE"
  | "TRUST_REGISTRY_UNAVAILABLE"
  | "INTERNAL";

const statusByCode: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_CREDENTIAL_TYPE: 404,
  UNKNOWN_CREDENTIAL: 404,
  CONFLICT: 409,
  GONE: 410,
  // A dossier link that no longer opens says why (lib/shares/share-store.ts).
  SHARE_NOT_FOUND: 404,
  SHARE_EXPIRED: 410,
  SHARE_REVOKED: 410,
  SHARE_EXHAUSTED: 410,
  REQUEST_EXPIRED: 410,
  REQUEST_ANSWERED: 409,
  // A one-time nonce (POST /api/v1/challenges) presented twice, or unknown/expired.
  NONCE_USED: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  // Signed in with a temporary password from an admin's reset: change it before anything else.
  PASSWORD_CHANGE_REQUIRED: 403,
  LEDGER_UNAVAILABLE: 503,
  TRUST_REGISTRY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(code: AppErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
