import type { VerificationResult } from "@/lib/credentials/verification";

export type Verdict = "valid" | "revoked" | "suspended" | "invalid" | "unknown";

/**
 * The one-word answer a verifier acts on. "valid" needs both the core's `verified` flag and every
 * check passed, so a result that disagrees with itself is never shown as valid.
 *
 * Revoked and suspended outrank other failures (an expired *and* revoked licence reads as
 * revoked), but only while the signature has not failed: a forged credential can point at any
 * status index, so "the issuer revoked it" would be a claim about a credential the issuer never
 * signed.
 */
export function verdictOf(result: VerificationResult): Verdict {
  const { checks } = result;
  if (result.verified && checks.length > 0 && checks.every((c) => c.ok === true)) return "valid";

  const signatureFailed = checks.some((c) => c.id === "signature" && c.ok === false);
  const status = checks.find((c) => c.id === "status");
  if (!signatureFailed && status?.code === "REVOKED") return "revoked";
  if (!signatureFailed && status?.code === "SUSPENDED") return "suspended";

  if (checks.some((c) => c.ok === false)) return "invalid";
  return "unknown";
}
