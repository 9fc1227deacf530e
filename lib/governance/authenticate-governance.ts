import "server-only";
import { timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";
import { hashSecret } from "@/lib/issuance/hash-secret";
import type { IssuanceServices } from "@/lib/issuance/services";

/**
 * Checks `Authorization: Bearer <GOVERNANCE_API_KEY>`. Only the key's SHA-256 is held, and the
 * two hashes are compared in constant time, so neither the key nor how much of it matched leaks.
 */
export function authenticateGovernance(svc: IssuanceServices, authorization: string | null): void {
  const expected = svc.registry.governanceApiKeyHash;
  if (!expected) {
    throw new AppError(
      "FORBIDDEN",
      "The governance console is not enabled on this server (GOVERNANCE_API_KEY is not set).",
    );
  }
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!key) {
    throw new AppError(
      "UNAUTHORIZED",
      "Send the governance API key as `Authorization: Bearer <key>`.",
    );
  }
  const given = Buffer.from(hashSecret(key), "hex");
  if (!timingSafeEqual(given, Buffer.from(expected, "hex"))) {
    throw new AppError("UNAUTHORIZED", "The governance API key is not valid.");
  }
}
