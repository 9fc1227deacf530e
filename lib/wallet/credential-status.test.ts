import { describe, expect, it } from "vitest";
import { check, resultOf, type Check } from "@/lib/credentials/verification";
import { credentialStatus } from "./credential-status";

const passing: Check[] = [
  check("format", true, "FORMAT_OK"),
  check("signature", true, "SIGNATURE_VALID"),
  check("validity", true, "VALIDITY_OK"),
  check("status", true, "STATUS_ACTIVE"),
  check("anchor", true, "ANCHOR_MATCH"),
  check("trust", true, "TRUST_ACCREDITED"),
];

function withCheck(replacement: Check) {
  return resultOf(passing.map((c) => (c.id === replacement.id ? replacement : c)));
}

describe("credentialStatus", () => {
  it("is Valid only when every check passed", () => {
    expect(credentialStatus({ kind: "checked", result: resultOf(passing) }).label).toBe("Valid");
  });

  it("names revoked, suspended and expired credentials", () => {
    const label = (c: Check) => credentialStatus({ kind: "checked", result: withCheck(c) }).label;
    expect(label(check("status", false, "REVOKED"))).toBe("Revoked");
    expect(label(check("status", false, "SUSPENDED"))).toBe("Suspended");
    expect(label(check("validity", false, "EXPIRED"))).toBe("Expired");
  });

  it("is Superseded only when the list says revoked and a correction replaced it", () => {
    const correction = {
      credentialId: "urn:uuid:a",
      supersededBy: "urn:uuid:b",
      at: "2026-03-04T10:00:00.000Z",
      reason: "superseded" as const,
    };
    const revoked = withCheck(check("status", false, "REVOKED"));
    const superseded = credentialStatus({ kind: "checked", result: revoked }, correction);
    expect(superseded).toMatchObject({ label: "Superseded", tone: "danger" });
    expect(superseded.reason).toContain("replaced this version with a correction");
    // The correction endpoint never overrides the status list: active stays valid, unknown stays unknown.
    expect(credentialStatus({ kind: "checked", result: resultOf(passing) }, correction).label).toBe(
      "Valid",
    );
    const unknown = withCheck(check("status", null, "STATUS_LIST_UNAVAILABLE"));
    expect(credentialStatus({ kind: "checked", result: unknown }, correction).label).toBe(
      "Status unknown",
    );
    expect(credentialStatus({ kind: "checked", result: revoked }).label).toBe("Revoked");
  });

  it("says when the trust registry no longer vouches for the issuer, and is unknown when it cannot be read", () => {
    const withdrawn = credentialStatus({
      kind: "checked",
      result: withCheck(
        check(
          "trust",
          false,
          "ACCREDITATION_WITHDRAWN",
          "The accreditation of Eastland was withdrawn on 2026-05-20.",
        ),
      ),
    });
    expect(withdrawn).toEqual({
      label: "Issuer not accredited",
      tone: "danger",
      reason: "The accreditation of Eastland was withdrawn on 2026-05-20.",
      // The code lets the wallet say the reason in the doctor's language.
      code: "ACCREDITATION_WITHDRAWN",
    });
    const unread = credentialStatus({
      kind: "checked",
      result: withCheck(check("trust", null, "TRUST_REGISTRY_UNAVAILABLE")),
    });
    expect(unread.label).toBe("Status unknown");
    expect(unread.code).toBe("TRUST_REGISTRY_UNAVAILABLE");
  });

  it("never calls what could not be checked valid", () => {
    const unknown = credentialStatus({
      kind: "checked",
      result: withCheck(check("anchor", null, "LEDGER_UNAVAILABLE")),
    });
    expect(unknown).toMatchObject({
      label: "Status unknown",
      reason: expect.stringMatching(/ledger/),
    });
    expect(credentialStatus({ kind: "checked", result: resultOf([]) }).label).toBe(
      "Status unknown",
    );
    expect(credentialStatus({ kind: "unavailable", reason: "offline" }).label).toBe(
      "Status unknown",
    );
    expect(credentialStatus({ kind: "checking" }).label).toBe("Checking…");
  });

  it("explains a failure before a check that merely could not be made", () => {
    const result = resultOf([
      ...passing.filter((c) => c.id !== "signature" && c.id !== "anchor"),
      check("anchor", null, "LEDGER_UNAVAILABLE"),
      check("signature", false, "SIGNATURE_INVALID"),
    ]);
    expect(credentialStatus({ kind: "checked", result }).reason).toMatch(/signature/);
  });
});
