import { describe, expect, it } from "vitest";
import { base64url } from "./base64url";
import {
  credentialTitle,
  describeCredential,
  practiceConditions,
  subjectFields,
} from "./describe-credential";

function jwt(payload: unknown): string {
  return `${base64url.encodeJson({ alg: "ES256" })}.${base64url.encodeJson(payload)}.c2ln`;
}

describe("describeCredential", () => {
  it("reads a medical licence for display", () => {
    const d = describeCredential(
      jwt({
        iss: "did:web:gmc.example",
        sub: "did:jwk:abc",
        jti: "urn:uuid:1",
        nbf: 1_767_225_600,
        exp: 1_798_761_600,
        vc: {
          type: ["VerifiableCredential", "MedicalLicenseCredential"],
          credentialSubject: {
            id: "did:jwk:abc",
            jurisdiction: "United Kingdom",
            name: "Dr Ada Lovelace",
            licenseNumber: "GMC-1234567",
            scope: "General practice",
            conditions: [
              { code: "SUP", text: "Must practise under supervision." },
              "No night shifts.",
            ],
          },
        },
      }),
    );
    expect(d).toMatchObject({
      id: "urn:uuid:1",
      type: "MedicalLicenseCredential",
      title: "Medical licence",
      issuerDid: "did:web:gmc.example",
      subjectDid: "did:jwk:abc",
      holderName: "Dr Ada Lovelace",
      conditions: [
        { code: "SUP", text: "Must practise under supervision." },
        { text: "No night shifts." },
      ],
    });
    expect(d.fields.map((f) => f.label)).toEqual([
      "Holder",
      "Licence number",
      "Jurisdiction",
      "Scope of practice",
    ]);
    expect(d.validUntil?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("never throws on something that is not a credential", () => {
    expect(describeCredential("not.a.jwt")).toMatchObject({
      id: undefined,
      title: "Credential",
      fields: [],
    });
    expect(describeCredential("")).toMatchObject({ conditions: [] });
  });
});

describe("labels", () => {
  it("titles types readably", () => {
    expect(credentialTitle("MedicalLicenseCredential")).toBe("Medical licence");
    expect(credentialTitle("SpecialtyCertificationCredential")).toBe("Specialty certification");
  });

  it("shows the known fields first and skips what is not text", () => {
    const fields = subjectFields("MedicalLicenseCredential", {
      trainingHours: 120,
      licenseNumber: "X1",
      nested: { a: 1 },
      id: "did:x",
    });
    expect(fields).toEqual([
      { key: "licenseNumber", label: "Licence number", value: "X1" },
      { key: "trainingHours", label: "Training hours", value: "120" },
    ]);
    expect(practiceConditions("MedicalLicenseCredential", {})).toEqual({
      items: [],
      unreadable: false,
    });
  });

  it("reads a competency by its Vitae type, not Open Badges' AchievementCredential", () => {
    const d = describeCredential(
      jwt({
        vc: {
          type: ["VerifiableCredential", "AchievementCredential", "CompetencyCredential"],
          credentialSubject: {
            name: "Dr Ada Lovelace",
            achievement: { achievementType: "Course", name: "Advanced Life Support" },
            completedOn: "2025-04-30",
          },
        },
      }),
    );
    expect(d.title).toBe("Competency");
    expect(d.fields).toEqual([
      { key: "name", label: "Holder", value: "Dr Ada Lovelace" },
      { key: "achievement.achievementType", label: "Kind", value: "Life-support course" },
      { key: "achievement.name", label: "Achievement", value: "Advanced Life Support" },
      { key: "completedOn", label: "Completed on", value: "30 Apr 2025" },
    ]);
  });
});
