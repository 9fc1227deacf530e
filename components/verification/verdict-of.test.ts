import { describe, expect, it } from "vitest";
import {
  check,
  checkIds,
  resultOf,
  type Check,
  type CheckId,
  type VerificationResult,
} from "@/lib/credentials/verification";
import { verdictOf } from "./verdict-of";

const passing: Record<CheckId, Check> = {
  format: check("format", true, "FORMAT_OK"),
  signature: check("signature", true, "SIGNATURE_VALID"),
  validity: check("validity", true, "VALIDITY_OK"),
  status: check("status", true, "STATUS_ACTIVE"),
  anchor: check("anchor", true, "ANCHOR_MATCH"),
  trust: check("trust", true, "TRUST_ACCREDITED"),
};

/** Six checks in the core's order, all passing except the ones overridden. */
function resultWith(overrides: Check[] = []): VerificationResult {
  const byId = { ...passing };
  for (const c of overrides) byId[c.id] = c;
  return resultOf(checkIds.map((id) => byId[id]));
}

describe("verdictOf", () => {
  it("is valid when every check passed", () => {
    expect(verdictOf(resultWith())).toBe("valid");
  });

  it("is never valid unless the core said verified", () => {
    expect(verdictOf({ ...resultWith(), verified: false })).toBe("unknown");
  });

  it("is never valid when a check disagrees with `verified`", () => {
    const result = resultWith([check("anchor", null, "LEDGER_UNAVAILABLE")]);
    expect(verdictOf({ ...result, verified: true })).toBe("unknown");
  });

  it("is not valid without any checks", () => {
    expect(verdictOf({ verified: true, checks: [] })).toBe("unknown");
  });

  it("is revoked when the status check says so", () => {
    expect(verdictOf(resultWith([check("status", false, "REVOKED")]))).toBe("revoked");
  });

  it("is suspended when the status check says so", () => {
    expect(verdictOf(resultWith([check("status", false, "SUSPENDED")]))).toBe("suspended");
  });

  it("prefers revoked over other failures of a genuine credential", () => {
    const result = resultWith([
      check("validity", false, "EXPIRED"),
      check("status", false, "REVOKED"),
    ]);
    expect(verdictOf(result)).toBe("revoked");
  });

  it("does not call a forged credential revoked", () => {
    const result = resultWith([
      check("signature", false, "SIGNATURE_INVALID"),
      check("status", false, "REVOKED"),
    ]);
    expect(verdictOf(result)).toBe("invalid");
  });

  it("is invalid when any check failed", () => {
    expect(verdictOf(resultWith([check("validity", false, "EXPIRED")]))).toBe("invalid");
  });

  it("is invalid rather than unknown when checks both failed and could not be made", () => {
    const result = resultWith([
      check("trust", false, "ISSUER_UNKNOWN"),
      check("anchor", null, "LEDGER_UNAVAILABLE"),
    ]);
    expect(verdictOf(result)).toBe("invalid");
  });

  it("cannot be checked when nothing failed but something could not be checked", () => {
    const result = resultWith([
      check("status", null, "STATUS_LIST_UNAVAILABLE"),
      check("anchor", null, "LEDGER_UNAVAILABLE"),
    ]);
    expect(verdictOf(result)).toBe("unknown");
  });
});
