import { describe, expect, it } from "vitest";
import {
  draftToSubject,
  emptyDraft,
  formFields,
  serverFieldErrors,
  setDraftValue,
  validateDraft,
  type Draft,
} from "./credential-draft";
import { IssuerApiError } from "./issuer-api";

const now = new Date("2025-06-01T12:00:00Z");

function fill(type: Parameters<typeof formFields>[0], values: Record<string, string>): Draft {
  let draft = emptyDraft(formFields(type));
  for (const [path, value] of Object.entries(values)) draft = setDraftValue(draft, path, value);
  return draft;
}

describe("the generated licence form", () => {
  it("builds the request body, trimming and leaving empty optional fields out", () => {
    let draft = fill("MedicalLicenseCredential", {
      name: "  Dr Amira Haddad ",
      licenseNumber: "EL-1234",
      jurisdiction: "Eastland",
      scope: " ",
    });
    draft = setDraftValue(draft, "conditions", [
      { rowId: 1, values: { code: "", text: " Supervised surgery only " } },
    ]);
    const outcome = validateDraft("MedicalLicenseCredential", draft, now);
    expect(outcome).toMatchObject({
      body: {
        type: "MedicalLicenseCredential",
        subject: {
          name: "Dr Amira Haddad",
          licenseNumber: "EL-1234",
          jurisdiction: "Eastland",
          conditions: [{ text: "Supervised surgery only" }],
        },
      },
    });
    expect(JSON.stringify(outcome)).not.toContain("scope");
  });

  it("reports each problem on its field, with readable messages", () => {
    let draft = fill("MedicalLicenseCredential", {
      id: "not-a-did",
      licenseNumber: "x".repeat(65),
      jurisdiction: "Eastland",
      validFrom: "2025-13-01",
    });
    draft = setDraftValue(draft, "conditions", [{ rowId: 1, values: { code: "A", text: "" } }]);
    expect(validateDraft("MedicalLicenseCredential", draft, now)).toMatchObject({
      errors: {
        id: "Must be a DID, e.g. did:key:z6Mk…",
        name: "Is required.",
        licenseNumber: "Must be at most 64 characters.",
        validFrom: "Is not a real calendar date.",
        "conditions.0.text": "Is required.",
      },
    });
  });

  it("refuses a licence that has already ended", () => {
    const draft = fill("MedicalLicenseCredential", {
      name: "Dr A",
      licenseNumber: "1",
      jurisdiction: "E",
      validUntil: "2025-05-31",
    });
    expect(validateDraft("MedicalLicenseCredential", draft, now)).toMatchObject({
      errors: { validUntil: "Must not lie in the past: the credential would expire at once." },
    });
    const today = setDraftValue(draft, "validUntil", "2025-06-01");
    expect("body" in validateDraft("MedicalLicenseCredential", today, now)).toBe(true);
  });
});

describe("the generated forms of the other types", () => {
  it("starts privileges with one procedure row, which is required", () => {
    const draft = emptyDraft(formFields("ClinicalPrivilegesCredential"));
    expect(Array.isArray(draft.procedures) && draft.procedures).toHaveLength(1);
    expect(validateDraft("ClinicalPrivilegesCredential", draft, now)).toMatchObject({
      errors: {
        "procedures.0.label": "Is required.",
        "period.start": "Must be a date as YYYY-MM-DD.",
      },
    });
  });

  it("sends numbers as numbers and drops fields that do not apply to the kind", () => {
    const draft = fill("CompetencyCredential", {
      name: "Dr A",
      "achievement.achievementType": "ext:CMEActivity",
      "achievement.name": "Cardiology update",
      "achievement.description": "Annual update.",
      "achievement.criteria.narrative": "Attendance.",
      caseCount: "12",
      creditsEarned: "6.5",
      completedOn: "2025-05-20",
    });
    const outcome = validateDraft("CompetencyCredential", draft, now);
    expect(outcome).toMatchObject({ body: { subject: { creditsEarned: 6.5 } } });
    expect(outcome.subject).not.toHaveProperty("caseCount");

    const procedure = setDraftValue(draft, "achievement.achievementType", "Competency");
    expect(
      draftToSubject(
        formFields("CompetencyCredential"),
        setDraftValue(procedure, "caseCount", "twelve"),
      ),
    ).toMatchObject({
      caseCount: "twelve",
    });
    expect(
      validateDraft("CompetencyCredential", setDraftValue(procedure, "caseCount", "twelve"), now),
    ).toMatchObject({
      errors: { caseCount: "Must be a whole number." },
    });
  });

  it("builds nested groups and optional code systems", () => {
    const draft = fill("SpecialtyCertificationCredential", {
      name: "Dr A",
      "specialty.code": "394579002",
      "specialty.label": "Cardiology",
      certifyingBoard: "Board",
      certifiedOn: "2022-03-01",
    });
    expect(validateDraft("SpecialtyCertificationCredential", draft, now)).toEqual({
      body: {
        type: "SpecialtyCertificationCredential",
        subject: {
          name: "Dr A",
          specialty: { code: "394579002", label: "Cardiology" },
          certifyingBoard: "Board",
          certifiedOn: "2022-03-01",
        },
      },
      subject: expect.any(Object),
    });
  });
});

describe("serverFieldErrors", () => {
  it("puts subject paths on their fields and the rest in the form message", () => {
    const err = new IssuerApiError(
      400,
      "VALIDATION_FAILED",
      "The credential subject is not valid.",
      {
        "subject.name": ["is required"],
        "subject.period.end": ["must lie in the future"],
        type: ["Invalid option"],
      },
    );
    expect(serverFieldErrors(err)).toEqual({
      name: "Is required.",
      "period.end": "Must lie in the future.",
      "": "The credential subject is not valid. type: Invalid option",
    });
  });

  it("keeps the server's message for errors without fields", () => {
    const err = new IssuerApiError(401, "UNAUTHORIZED", "The API key is not valid.");
    expect(serverFieldErrors(err)).toEqual({ "": "The API key is not valid." });
  });
});
