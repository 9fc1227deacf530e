import "server-only";
import { NextResponse } from "next/server";
import { isAppError, type AppErrorCode } from "@/lib/errors";

/**
 * Errors of the OpenID4VCI endpoints in the shape the spec requires (RFC 6749 §5.2, OID4VCI
 * §8.3.1): `{ error, error_description }`, where `error` is the protocol's code a standard wallet
 * acts on and `error_description` the sentence a doctor reads.
 */

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_grant"
  | "unsupported_grant_type"
  | "invalid_token"
  | "invalid_credential_request"
  | "unknown_credential_configuration"
  | "invalid_proof"
  | "invalid_nonce"
  | "credential_request_denied"
  | "server_error";

const statusByCode: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_token: 401,
  invalid_credential_request: 400,
  unknown_credential_configuration: 400,
  invalid_proof: 400,
  invalid_nonce: 400,
  credential_request_denied: 400,
  server_error: 500,
};

export class OAuthError extends Error {
  readonly error: OAuthErrorCode;

  constructor(error: OAuthErrorCode, description: string) {
    super(description);
    this.name = "OAuthError";
    this.error = error;
  }

  get status(): number {
    return statusByCode[this.error];
  }
}

/**
 * Wallets that live in a browser on another origin call these endpoints too. Nothing here rests
 * on cookies (codes and Bearer tokens are sent explicitly), so any origin may call them.
 */
export const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "authorization, content-type, accept",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Expose-Headers": "WWW-Authenticate",
};

const noStore = { "Cache-Control": "no-store", Pragma: "no-cache", ...corsHeaders };

/** OPTIONS: the CORS preflight of a cross-origin wallet. */
export function corsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: { ...corsHeaders, "Access-Control-Max-Age": "600" },
  });
}

export function oauthErrorResponse(
  err: unknown,
  /** What an AppError from shared code (an unknown or spent claim, …) means at this endpoint. */
  fromAppError: (code: AppErrorCode) => OAuthErrorCode,
): NextResponse {
  let error: OAuthError;
  if (err instanceof OAuthError) error = err;
  else if (isAppError(err)) error = new OAuthError(fromAppError(err.code), err.message);
  else {
    console.error("[vitae] oid4vci:", err instanceof Error ? err.message : "unknown");
    error = new OAuthError("server_error", "Something went wrong on our side.");
  }
  const headers: Record<string, string> = { ...noStore };
  if (error.error === "invalid_token") {
    headers["WWW-Authenticate"] =
      `Bearer error="invalid_token", error_description="${error.message.replace(/["\\]/g, "")}"`;
  }
  return NextResponse.json(
    { error: error.error, error_description: error.message },
    { status: error.status, headers },
  );
}

/** Like lib/http `handle`, for the OpenID4VCI endpoints. */
export function handleOAuth<C>(
  fromAppError: (code: AppErrorCode) => OAuthErrorCode,
  fn: (req: Request, ctx: C) => Promise<Response>,
) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      return await fn(req, ctx);
    } catch (err) {
      return oauthErrorResponse(err, fromAppError);
    }
  };
}

export function oauthJson(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: noStore });
}
