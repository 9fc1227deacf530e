import { describe, expect, it } from "vitest";
import { subjectExamples } from "./credential-types/examples";
import { credentialTypeNames, credentialTypes } from "./credential-types";
import { credentialTitle, describeCredential, formatIsoDate } from "./describe-credential";
import { subjectFields } from "./subject-fields";

const describeExample = (type: (typeof credentialTypeNames)[number]) =>
  describeCredential({ type, subject: subjectExamples[type] });

const facts = (d: ReturnType<typeof describeCredential>) =>
  Object.fromEntries(d.fields.map((f) => [f.label, f.value]));

describe("describeCredential", () => {
  it.each(credentialTypeNames)("%s gets its title, holder and at least two facts", (type) => {
    const d = describeExample(type);
    expect(d.title).toBe(credentialTypes[type].title);
    expect(d.holderName).toBe("Dr Amira Haddad");
    expect(d.fields.length).toBeGreaterThanOrEqual(2);
    expect(d.fields.map((f) => f.label)).not.toContain("Doctor's full name");
    expect(d.period.start?.value).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  });

  it("reads a licence: facts, period and conditions apart", () => {
    const d = describeExample("MedicalLicenseCredential");
    expect(facts(d)).toEqual({
      "Licence number": "EL-204518",
      Jurisdiction: "Eastland",
      "Scope of practice": "General medical practice",
    });
    expect(d.period).toEqual({
      start: { key: "validFrom", label: "Licensed from", value: "1 Jan 2024" },
      end: { key: "validUntil", label: "Licensed until", value: "31 Dec 2029" },
    });
    expect(d.conditions).toEqual({
      items: [{ code: "SUP-REQ", text: "No independent surgery; supervision required" }],
      unreadable: false,
    });
  });

  it("flattens nested fields and names enum values", () => {
    expect(facts(describeExample("SpecialtyCertificationCredential"))).toEqual({
      "Specialty code": "394579002",
      Specialty: "Cardiology",
      "Certifying board": "Eastland Board of Internal Medicine",
    });
    expect(facts(describeExample("PostgraduateTrainingCredential"))).toMatchObject({
      Training: "Residency",
      Outcome: "Completed",
    });
    expect(facts(describeExample("CompetencyCredential"))).toEqual({
      Kind: "Procedure competency",
      Achievement: "Ultrasound-guided central venous catheterisation",
      Description: "Insertion of central venous catheters under ultrasound guidance.",
      Criteria: "25 supervised cases, assessed by direct observation (DOPS).",
      "Cases performed": "25",
    });
  });

  it("lists privileged procedures one per line and keeps the privileges' conditions", () => {
    const d = describeExample("ClinicalPrivilegesCredential");
    expect(d.fields.find((f) => f.key === "procedures")).toEqual({
      key: "procedures",
      label: "Privileged procedures",
      value: "Coronary angiography (33367005); Transoesophageal echocardiography",
      items: ["Coronary angiography (33367005)", "Transoesophageal echocardiography"],
    });
    expect(d.period.end?.value).toBe("31 Dec 2027");
    expect(d.conditions.items).toHaveLength(1);
  });

  it("flags conditions it cannot read instead of dropping them", () => {
    const licence = subjectExamples.MedicalLicenseCredential;
    const type = "MedicalLicenseCredential";
    expect(
      describeCredential({ type, subject: { ...licence, conditions: "see letter" } }).conditions,
    ).toEqual({
      items: [],
      unreadable: true,
    });
    expect(
      describeCredential({
        type,
        subject: { ...licence, conditions: [{ text: "Supervised." }, { code: 7 }, "No nights."] },
      }).conditions,
    ).toEqual({
      items: [
        { code: undefined, text: "Supervised." },
        { code: undefined, text: "No nights." },
      ],
      unreadable: true,
    });
  });

  it("keeps other fields when one is malformed, and shows unknown claims last", () => {
    const d = describeCredential({
      type: "MedicalLicenseCredential",
      subject: {
        ...subjectExamples.MedicalLicenseCredential,
        licenseNumber: { n: 1 },
        trainingHours: 120,
      },
    });
    expect(d.fields.map((f) => f.label)).toEqual([
      "Jurisdiction",
      "Scope of practice",
      "Training hours",
    ]);
  });

  it("describes half-filled drafts and unknown types without throwing", () => {
    expect(describeCredential({ type: "CompetencyCredential", subject: {} })).toMatchObject({
      title: "Competency",
      holderName: undefined,
      fields: [],
      period: { start: undefined, end: undefined },
    });
    expect(
      describeCredential({ type: "NursingLicenceCredential", subject: { name: "N", ward: "A3" } }),
    ).toMatchObject({ title: "Nursing licence", fields: [{ label: "Ward", value: "A3" }] });
  });

  it("titles and dates readably", () => {
    expect(credentialTitle("SpecialtyCertificationCredential")).toBe("Specialty certification");
    expect(credentialTitle("VerifiableCredential")).toBe("Credential");
    expect(formatIsoDate("2024-02-29")).toBe("29 Feb 2024");
    expect(formatIsoDate("soon")).toBe("soon");
  });
});

describe("subjectFields", () => {
  it("reads the form's fields from the schema", () => {
    const fields = subjectFields(credentialTypes.CompetencyCredential.subjectSchema);
    expect(fields.map((f) => `${f.path}:${f.kind}:${f.required}`)).toEqual([
      "id:text:false",
      "name:text:true",
      "achievement:group:true",
      "caseCount:number:false",
      "creditsEarned:number:false",
      "completedOn:date:true",
      "validUntil:date:false",
    ]);
    const achievement = fields[2];
    expect(achievement?.kind === "group" && achievement.fields.map((f) => f.path)).toEqual([
      "achievement.id",
      "achievement.achievementType",
      "achievement.name",
      "achievement.description",
      "achievement.criteria",
    ]);
    expect(fields[3]).toMatchObject({
      kind: "number",
      integer: true,
      label: "Cases performed",
      showWhen: { path: "achievement.achievementType", in: ["Competency"] },
    });
    const privileges = subjectFields(credentialTypes.ClinicalPrivilegesCredential.subjectSchema);
    expect(privileges.find((f) => f.path === "procedures")).toMatchObject({
      kind: "list",
      itemTitle: "Procedure",
      min: 1,
      max: 100,
      fields: [
        { path: "code", required: false },
        { path: "label", required: true },
      ],
    });
  });
});
