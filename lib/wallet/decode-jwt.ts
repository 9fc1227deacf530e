import "client-only";
import { base64url } from "./base64url";

export type DecodedJwt = { header: Record<string, unknown>; payload: Record<string, unknown> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a JWT's header and payload without checking anything, for display and for filing it in
 * the wallet. Nothing decided from this is a security decision: status and validity come from
 * `verify`. Returns null for anything that is not a JWT.
 */
export function decodeJwt(jwt: string): DecodedJwt | null {
  const [header, payload, signature, ...rest] = jwt.split(".");
  if (header === undefined || payload === undefined || signature === undefined || rest.length) {
    return null;
  }
  try {
    const decoded = {
      header: base64url.decodeJson(header),
      payload: base64url.decodeJson(payload),
    };
    return isRecord(decoded.header) && isRecord(decoded.payload)
      ? { header: decoded.header, payload: decoded.payload }
      : null;
  } catch {
    return null;
  }
}
