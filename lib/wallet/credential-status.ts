import "client-only";
import type { CredentialCorrection } from "@/lib/credentials/schemas";
import type { Check, VerificationResult } from "@/lib/credentials/verification";

/**
 * One word for a credential card, from the same verification result the verifier shows. Only a
 * fully verified result is "Valid": anything that could not be checked is "Status unknown",
 * never valid.
 */

export type VerificationState =
  | { kind: "checking" }
  | { kind: "checked"; result: VerificationResult }
  | { kind: "unavailable"; reason: string };

export type CredentialStatus = {
  label:
    | "Checking…"
    | "Valid"
    | "Revoked"
    | "Superseded"
    | "Suspended"
    | "Expired"
    | "Issuer not accredited"
    | "Status unknown";
  /** Matches the Badge primitive's tones. */
  tone: "neutral" | "success" | "danger" | "warning";
  /** Why, in a sentence, when the status is anything but valid. */
  reason: string | undefined;
  /** The check code behind `reason`, so the wallet can say it in the doctor's language. */
  code?: Check["code"];
};

function find(result: VerificationResult, id: Check["id"]): Check | undefined {
  return result.checks.find((c) => c.id === id);
}

/**
 * `correction` (GET …/correction) only names a revocation: a credential is "Superseded" when the
 * status list says revoked and the issuer says a correction replaced it, never otherwise.
 */
export function credentialStatus(
  state: VerificationState,
  correction?: CredentialCorrection,
): CredentialStatus {
  if (state.kind === "checking") return { label: "Checking…", tone: "neutral", reason: undefined };
  if (state.kind === "unavailable") {
    return { label: "Status unknown", tone: "warning", reason: state.reason };
  }
  const { result } = state;
  if (result.verified) return { label: "Valid", tone: "success", reason: undefined };
  const status = find(result, "status");
  if (status?.code === "REVOKED") {
    if (correction?.supersededBy) {
      return {
        label: "Superseded",
        tone: "danger",
        reason: "The issuer replaced this version with a correction and revoked it.",
      };
    }
    return { label: "Revoked", tone: "danger", reason: status.message, code: status.code };
  }
  if (status?.code === "SUSPENDED") {
    return { label: "Suspended", tone: "danger", reason: status.message, code: status.code };
  }
  const validity = find(result, "validity");
  if (validity?.code === "EXPIRED")
    return { label: "Expired", tone: "danger", reason: validity.message, code: validity.code };
  // The trust registry on chain says this issuer may not (or no longer) issue this credential.
  const trust = find(result, "trust");
  if (trust?.ok === false) {
    return {
      label: "Issuer not accredited",
      tone: "danger",
      reason: trust.message,
      code: trust.code,
    };
  }
  // The first check that failed explains more than one that merely could not be made.
  const failed =
    result.checks.find((c) => c.ok === false) ?? result.checks.find((c) => c.ok !== true);
  return {
    label: "Status unknown",
    tone: "warning",
    reason: failed?.message ?? "The credential could not be checked.",
    ...(failed ? { code: failed.code } : {}),
  };
}
