import { describe, expect, it } from "vitest";
import { IssuerApiError } from "./issuer-api";
import {
  emptyLicenseDraft,
  minValidUntil,
  serverFieldErrors,
  validateLicenseDraft,
  type LicenseDraft,
} from "./validate-license-draft";

const now = new Date(2025, 5, 1, 12, 0); // 1 June 2025, local time
const draft = (change: Partial<LicenseDraft>): LicenseDraft => ({
  ...emptyLicenseDraft,
  name: "Dr Amira Haddad",
  licenseNumber: "EL-1234",
  jurisdiction: "Eastland",
  ...change,
});

describe("validateLicenseDraft", () => {
  it("builds the request body, trimming and leaving empty optional fields out", () => {
    const outcome = validateLicenseDraft(
      draft({
        name: "  Dr Amira Haddad ",
        scope: " ",
        validUntil: "2026-01-31",
        conditions: [{ rowId: 1, code: "", text: " Supervised surgery only " }],
      }),
      now,
    );
    expect(outcome).toEqual({
      body: {
        type: "MedicalLicenseCredential",
        subject: {
          name: "Dr Amira Haddad",
          licenseNumber: "EL-1234",
          jurisdiction: "Eastland",
          conditions: [{ text: "Supervised surgery only" }],
        },
        validUntil: "2026-01-31",
      },
    });
    expect(JSON.stringify(outcome)).not.toContain("scope");
  });

  it("reports each problem on its field, with the schema's own DID message", () => {
    const outcome = validateLicenseDraft(
      draft({
        name: "",
        holderDid: "not-a-did",
        licenseNumber: "x".repeat(65),
        conditions: [{ rowId: 1, code: "A", text: "" }],
      }),
      now,
    );
    expect(outcome).toEqual({
      errors: {
        id: "must be a DID, e.g. did:key:z6Mk…",
        name: "Required.",
        licenseNumber: "At most 64 characters.",
        "conditions.0.text": "Required.",
      },
    });
  });

  it("accepts an end date from tomorrow on", () => {
    expect(minValidUntil(now)).toBe("2025-06-02");
    expect(validateLicenseDraft(draft({ validUntil: "2025-06-01" }), now)).toEqual({
      errors: { validUntil: "Must lie in the future." },
    });
    expect("body" in validateLicenseDraft(draft({ validUntil: "2025-06-02" }), now)).toBe(true);
  });
});

describe("serverFieldErrors", () => {
  it("puts subject paths on their fields and the rest in the form message", () => {
    const err = new IssuerApiError(
      400,
      "VALIDATION_FAILED",
      "The credential subject is not valid.",
      {
        "subject.name": ["Too small"],
        "subject.conditions": ["Invalid input"],
        validUntil: ["must lie in the future"],
        type: ["Invalid option"],
      },
    );
    expect(serverFieldErrors(err)).toEqual({
      name: "Too small",
      conditions: "Invalid input",
      validUntil: "must lie in the future",
      "": "The credential subject is not valid. type: Invalid option",
    });
  });

  it("keeps the server's message for errors without fields", () => {
    const err = new IssuerApiError(401, "UNAUTHORIZED", "The API key is not valid.");
    expect(serverFieldErrors(err)).toEqual({ "": "The API key is not valid." });
  });
});
