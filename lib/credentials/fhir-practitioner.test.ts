import { describe, expect, it } from "vitest";
import { subjectExamples } from "./credential-types/examples";
import { credentialTypeNames, type CredentialTypeName } from "./credential-types";
import {
  CREDENTIAL_TYPE_SYSTEM,
  extensionUrl,
  practitionerFromCredentials,
  qualificationFromCredential,
  type FhirQualification,
} from "./fhir-practitioner";
import type { DecodedCredential } from "./schemas";

const ISSUER = "did:web:vitae.test:issuers:eastland-licensing";
const HOLDER = "did:jwk:holder";

function decoded(
  type: CredentialTypeName | string,
  subject: Record<string, unknown>,
  over: Partial<DecodedCredential> = {},
): DecodedCredential {
  return {
    jwt: "a.b.c",
    header: {},
    payload: {},
    vc: {
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential", type],
      credentialSubject: subject,
    },
    issuer: ISSUER,
    subject: HOLDER,
    type,
    id: `urn:uuid:${type}`,
    issuedAt: new Date("2025-01-01T00:00:00Z"),
    validFrom: new Date("2025-01-01T00:00:00Z"),
    validUntil: undefined,
    ...over,
  };
}

function map(type: CredentialTypeName, subject = subjectExamples[type]): FhirQualification {
  const c = decoded(type, subject);
  return qualificationFromCredential({
    type,
    subject,
    id: c.id,
    issuer: { id: ISSUER, name: "Eastland Medical Licensing Authority" },
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  });
}

const ext = (q: FhirQualification, url: string) => q.extension?.filter((e) => e.url === url) ?? [];

describe("Practitioner.qualification for each type", () => {
  it.each(credentialTypeNames)(
    "%s has the credential id, a typed code, a period and an issuer",
    (type) => {
      const q = map(type);
      expect(q.identifier?.[0]).toEqual({ system: "urn:ietf:rfc:3986", value: `urn:uuid:${type}` });
      expect(q.code.coding).toContainEqual(
        expect.objectContaining({ system: CREDENTIAL_TYPE_SYSTEM, code: type }),
      );
      expect(q.code.text.length).toBeGreaterThan(3);
      expect(q.period?.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(q.issuer).toEqual({
        identifier: { system: "urn:ietf:rfc:3986", value: ISSUER },
        display: "Eastland Medical Licensing Authority",
      });
    },
  );

  it("maps a degree, coding MD in HL7 v2 table 0360", () => {
    expect(map("MedicalDegreeCredential")).toMatchObject({
      code: { text: "MBBS (Bachelor of Medicine, Bachelor of Surgery)" },
      period: { start: "2016-07-14" },
    });
    const md = map("MedicalDegreeCredential", {
      ...subjectExamples.MedicalDegreeCredential,
      degree: "MD",
    });
    expect(md.code.coding?.[0]).toEqual({
      system: "http://terminology.hl7.org/CodeSystem/v2-0360",
      code: "MD",
      display: "Doctor of Medicine",
    });
  });

  it("maps a licence with its number, dates and every condition on practice", () => {
    const q = map("MedicalLicenseCredential", {
      ...subjectExamples.MedicalLicenseCredential,
      conditions: [
        { code: "SUP-REQ", text: "Supervision required" },
        { text: "No independent surgery" },
      ],
    });
    expect(q.identifier?.[1]).toMatchObject({
      type: { coding: [{ code: "MD", system: "http://terminology.hl7.org/CodeSystem/v2-0203" }] },
      value: "EL-204518",
    });
    expect(q.code.text).toBe("Medical licence, Eastland, General medical practice");
    expect(q.period).toEqual({ start: "2024-01-01", end: "2029-12-31" });
    expect(ext(q, extensionUrl.practiceCondition)).toEqual([
      {
        url: extensionUrl.practiceCondition,
        extension: [
          { url: "code", valueCode: "SUP-REQ" },
          { url: "text", valueString: "Supervision required" },
        ],
      },
      {
        url: extensionUrl.practiceCondition,
        extension: [{ url: "text", valueString: "No independent surgery" }],
      },
    ]);
  });

  it("falls back to the credential's validity when the licence states no dates", () => {
    const {
      validFrom: _f,
      validUntil: _u,
      conditions: _c,
      ...bare
    } = subjectExamples.MedicalLicenseCredential;
    const q = qualificationFromCredential({
      type: "MedicalLicenseCredential",
      subject: bare,
      issuer: { id: ISSUER },
      validFrom: new Date("2025-02-03T00:00:00Z"),
      validUntil: new Date("2026-02-03T12:30:00Z"),
    });
    expect(q.period).toEqual({ start: "2025-02-03", end: "2026-02-03T12:30:00Z" });
    expect(q.extension).toBeUndefined();
    expect(q.issuer?.display).toBe(ISSUER);
  });

  it("codes a specialty in its own code system, SNOMED CT by default", () => {
    const q = map("SpecialtyCertificationCredential");
    expect(q.code).toMatchObject({
      coding: [
        { system: "http://snomed.info/sct", code: "394579002", display: "Cardiology" },
        { system: CREDENTIAL_TYPE_SYSTEM, code: "SpecialtyCertificationCredential" },
      ],
      text: "Cardiology (specialty certification)",
    });
    expect(q.period).toEqual({ start: "2022-03-01", end: "2032-02-28" });
    const other = map("SpecialtyCertificationCredential", {
      ...subjectExamples.SpecialtyCertificationCredential,
      specialty: { code: "CARD", label: "Cardiology" },
    });
    expect(other.code.coding?.[0]?.system).toBe("http://snomed.info/sct");
  });

  it("maps training with its period and outcome", () => {
    const q = map("PostgraduateTrainingCredential");
    expect(q.code.text).toBe("Residency: Internal Medicine Residency");
    expect(q.period).toEqual({ start: "2016-08-01", end: "2019-07-31" });
    expect(ext(q, extensionUrl.trainingOutcome)).toEqual([
      { url: extensionUrl.trainingOutcome, valueCode: "completed" },
    ]);
  });

  it("maps privileges with each procedure and condition", () => {
    const q = map("ClinicalPrivilegesCredential");
    expect(q.code.text).toBe(
      "Clinical privileges, Consultant cardiologist, Cardiology, St Aurelia General Hospital",
    );
    expect(q.period).toEqual({ start: "2025-01-01", end: "2027-12-31" });
    expect(ext(q, extensionUrl.privilegedProcedure).map((e) => e.valueCodeableConcept)).toEqual([
      {
        coding: [
          {
            system: "https://vitae.example/fhir/CodeSystem/procedure",
            code: "33367005",
            display: "Coronary angiography",
          },
        ],
        text: "Coronary angiography",
      },
      { text: "Transoesophageal echocardiography" },
    ]);
    expect(ext(q, extensionUrl.practiceCondition)).toHaveLength(1);
  });

  it("maps a competency with its kind, case count or CME hours", () => {
    const q = map("CompetencyCredential");
    expect(q.code.text).toBe("Ultrasound-guided central venous catheterisation");
    expect(q.period).toEqual({ start: "2025-04-30" });
    expect(q.extension).toEqual([
      { url: extensionUrl.achievementType, valueCode: "Competency" },
      { url: extensionUrl.caseCount, valueInteger: 25 },
      {
        url: extensionUrl.criteria,
        valueString: "25 supervised cases, assessed by direct observation (DOPS).",
      },
    ]);
    const cme = map("CompetencyCredential", {
      ...subjectExamples.CompetencyCredential,
      caseCount: undefined,
      creditsEarned: 6.5,
    });
    expect(ext(cme, extensionUrl.cmeHours)).toEqual([
      { url: extensionUrl.cmeHours, valueDecimal: 6.5 },
    ]);
  });
});

describe("practitionerFromCredentials", () => {
  it("builds one Practitioner with a qualification per credential", () => {
    const result = practitionerFromCredentials(
      credentialTypeNames.map((t) => decoded(t, subjectExamples[t])),
      { issuerName: (did) => (did === ISSUER ? "Eastland" : undefined) },
    );
    if (!result.ok) throw new Error(result.message);
    const p = result.practitioner;
    expect(p.resourceType).toBe("Practitioner");
    expect(p.identifier).toEqual([{ system: "urn:ietf:rfc:3986", value: HOLDER }]);
    expect(p.name).toEqual([{ text: "Dr Amira Haddad" }]);
    expect(p.qualification.map((q) => q.code.coding?.at(-1)?.code)).toEqual([
      ...credentialTypeNames,
    ]);
    expect(p.qualification.every((q) => q.issuer?.display === "Eastland")).toBe(true);
    // plain JSON: survives serialisation unchanged
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it("refuses credentials of different holders, and an empty list", () => {
    const a = decoded("MedicalDegreeCredential", subjectExamples.MedicalDegreeCredential);
    const b = decoded("MedicalLicenseCredential", subjectExamples.MedicalLicenseCredential, {
      subject: "did:jwk:someone-else",
    });
    expect(practitionerFromCredentials([a, b])).toMatchObject({
      ok: false,
      code: "SUBJECT_MISMATCH",
    });
    expect(practitionerFromCredentials([])).toMatchObject({ ok: false, code: "NO_CREDENTIALS" });
  });

  it("maps a type it does not know by its name, without failing", () => {
    const result = practitionerFromCredentials([
      decoded("NursingLicenseCredential", { name: "N" }),
    ]);
    expect(result.ok && result.practitioner.qualification[0]).toMatchObject({
      code: { coding: [{ code: "NursingLicenseCredential" }], text: "NursingLicenseCredential" },
      period: { start: "2025-01-01" },
    });
  });
});
