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

describe("describeCredential in Russian", () => {
  const training = jwt({
    iss: "did:web:university.example",
    sub: "did:jwk:abc",
    vc: {
      type: ["VerifiableCredential", "PostgraduateTrainingCredential"],
      credentialSubject: {
        name: "Д-р Анна Соколова",
        trainingKind: "residency",
        programme: "Кардиология",
        specialty: "Кардиология",
        period: { start: "2019-09-01", end: "2022-08-31" },
        outcome: "completed",
        extraNote: "kept",
      },
    },
  });

  it("gives the title, labels, select values and dates in Russian; free text as written", () => {
    const d = describeCredential(training, "ru");
    expect(d.title).toBe("Последипломное образование");
    const byKey = Object.fromEntries(d.fields.map((f) => [f.key, f]));
    expect(byKey.name).toMatchObject({ label: "Владелец", value: "Д-р Анна Соколова" });
    expect(byKey.trainingKind).toMatchObject({ label: "Вид подготовки", value: "Ординатура" });
    expect(byKey.outcome).toMatchObject({ label: "Результат", value: "Завершена" });
    expect(byKey.programme).toMatchObject({ label: "Программа", value: "Кардиология" });
    expect(byKey["period.start"]?.label).toBe("Начало обучения");
    expect(byKey["period.start"]?.value).toMatch(/сент\.? 2019/);
    // A claim no type knows keeps its English (humanised) label.
    expect(byKey.extraNote).toMatchObject({ label: "Extra note", value: "kept" });
  });

  it("stays English by default", () => {
    const d = describeCredential(training);
    expect(d.title).toBe("Postgraduate training");
    expect(d.fields.find((f) => f.key === "trainingKind")?.value).toBe("Residency");
    expect(d.fields.find((f) => f.key === "period.start")?.value).toBe("1 Sept 2019");
  });
});
