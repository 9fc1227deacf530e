import { describe, expect, it } from "vitest";
import { subjectSchemaByType } from "../schemas";
import { subjectExamples } from "./examples";
import { credentialTypeNames, subjectValidUntil, valueAt } from "./index";

function errors(type: (typeof credentialTypeNames)[number], subject: unknown) {
  const parsed = subjectSchemaByType[type].safeParse(subject);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("the six doctor credential types", () => {
  it.each(credentialTypeNames)("%s accepts its example", (type) => {
    expect(errors(type, subjectExamples[type])).toEqual({});
  });

  it.each(credentialTypeNames)("%s needs the holder's name", (type) => {
    const { name: _name, ...rest } = subjectExamples[type];
    expect(errors(type, rest)).toMatchObject({ name: "is required" });
    expect(errors(type, { ...rest, name: "   " })).toMatchObject({ name: "is required" });
  });

  it("keeps the first release's licence fields working unchanged", () => {
    const firstRelease = {
      name: "Dr Amira Haddad",
      licenseNumber: "EL-1001",
      jurisdiction: "Eastland",
      conditions: [{ code: "NO-SURG", text: "No independent surgery" }],
    };
    expect(subjectSchemaByType.MedicalLicenseCredential.parse(firstRelease)).toEqual(firstRelease);
  });

  it("says what is wrong with a date", () => {
    const licence = subjectExamples.MedicalLicenseCredential;
    expect(errors("MedicalLicenseCredential", { ...licence, validFrom: "01/02/2024" })).toEqual({
      validFrom: "must be a date as YYYY-MM-DD, e.g. 2025-06-30",
    });
    expect(errors("MedicalLicenseCredential", { ...licence, validFrom: "2024-02-30" })).toEqual({
      validFrom: "is not a real calendar date",
    });
    expect(errors("MedicalLicenseCredential", { ...licence, validFrom: 20240101 })).toEqual({
      validFrom: "must be a date as YYYY-MM-DD",
    });
    expect(errors("MedicalLicenseCredential", { ...licence, validUntil: "2023-12-31" })).toEqual({
      validUntil: "must not be before the licence starts",
    });
  });

  it("checks periods and their order", () => {
    const training = subjectExamples.PostgraduateTrainingCredential;
    expect(
      errors("PostgraduateTrainingCredential", {
        ...training,
        period: { start: "2019-08-01", end: "2016-07-31" },
      }),
    ).toEqual({ "period.end": "must not be before training started" });
    expect(
      errors("PostgraduateTrainingCredential", { ...training, period: { start: "2016-08-01" } }),
    ).toEqual({ "period.end": "is required once the training has ended" });
    expect(
      errors("PostgraduateTrainingCredential", {
        ...training,
        outcome: "in-progress",
        period: { start: "2016-08-01" },
      }),
    ).toEqual({});
    expect(errors("PostgraduateTrainingCredential", { ...training, trainingKind: "x" })).toEqual({
      trainingKind: "must be residency or fellowship",
    });
  });

  it("requires privileged procedures and an end to the privileges", () => {
    const privileges = subjectExamples.ClinicalPrivilegesCredential;
    expect(errors("ClinicalPrivilegesCredential", { ...privileges, procedures: [] })).toEqual({
      procedures: "must list at least one procedure",
    });
    expect(
      errors("ClinicalPrivilegesCredential", {
        ...privileges,
        procedures: [{ code: "1" }],
        period: { start: "2025-01-01" },
      }),
    ).toEqual({
      "procedures.0.label": "is required",
      "period.end": "must be a date as YYYY-MM-DD",
    });
  });

  it("reads specialty codes with an optional code system", () => {
    const specialty = subjectExamples.SpecialtyCertificationCredential;
    expect(
      errors("SpecialtyCertificationCredential", {
        ...specialty,
        specialty: { code: "", label: "Cardiology", system: "snomed" },
      }),
    ).toEqual({
      "specialty.code": "is required",
      "specialty.system": "must be a URL, e.g. http://snomed.info/sct",
    });
  });

  it("shapes a competency as an Open Badges 3.0 achievement subject", () => {
    const parsed = subjectSchemaByType.CompetencyCredential.parse(
      subjectExamples.CompetencyCredential,
    );
    expect(parsed).toMatchObject({
      type: ["AchievementSubject"],
      achievement: { type: ["Achievement"], achievementType: "Competency" },
    });
  });

  it("asks for what each kind of competency needs", () => {
    const base = subjectExamples.CompetencyCredential;
    const achievement = base.achievement as Record<string, unknown>;
    expect(errors("CompetencyCredential", { ...base, caseCount: undefined })).toEqual({
      caseCount: "is required for a procedure competency",
    });
    expect(errors("CompetencyCredential", { ...base, caseCount: 2.5 })).toEqual({
      caseCount: "must be a whole number",
    });
    const cme = { ...base, achievement: { ...achievement, achievementType: "ext:CMEActivity" } };
    expect(errors("CompetencyCredential", { ...cme, caseCount: undefined })).toEqual({
      creditsEarned: "is required for a CME activity",
    });
    expect(errors("CompetencyCredential", { ...cme, creditsEarned: 6.5 })).toEqual({});
    const course = {
      ...base,
      caseCount: undefined,
      achievement: { ...achievement, achievementType: "Course", name: "Advanced Life Support" },
      validUntil: "2029-04-30",
    };
    expect(errors("CompetencyCredential", course)).toEqual({});
    expect(errors("CompetencyCredential", { ...course, validUntil: "2020-01-01" })).toEqual({
      validUntil: "must not be before the completion date",
    });
  });

  it("finds the date a credential expires with", () => {
    expect(
      subjectValidUntil("MedicalLicenseCredential", subjectExamples.MedicalLicenseCredential),
    ).toEqual({ until: "2029-12-31T23:59:59Z", path: "validUntil" });
    expect(
      subjectValidUntil(
        "ClinicalPrivilegesCredential",
        subjectExamples.ClinicalPrivilegesCredential,
      ),
    ).toEqual({ until: "2027-12-31T23:59:59Z", path: "period.end" });
    expect(
      subjectValidUntil("MedicalDegreeCredential", subjectExamples.MedicalDegreeCredential),
    ).toBeUndefined();
    expect(valueAt({ a: [1] }, "a.0")).toBeUndefined();
  });
});
