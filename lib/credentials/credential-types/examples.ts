import type { CredentialTypeName } from "./index";

/**
 * One valid subject per type: published in each JSON Schema as `examples`, and used by the tests
 * and the console's e2e spec. The people and numbers are made up.
 */
export const subjectExamples: Record<CredentialTypeName, Record<string, unknown>> = {
  MedicalDegreeCredential: {
    name: "Dr Amira Haddad",
    degree: "MBBS",
    programme: "Bachelor of Medicine, Bachelor of Surgery",
    institution: "Northbridge University School of Medicine",
    graduationDate: "2016-07-14",
  },
  MedicalLicenseCredential: {
    name: "Dr Amira Haddad",
    licenseNumber: "EL-204518",
    jurisdiction: "Eastland",
    scope: "General medical practice",
    validFrom: "2024-01-01",
    validUntil: "2029-12-31",
    conditions: [{ code: "SUP-REQ", text: "No independent surgery; supervision required" }],
  },
  SpecialtyCertificationCredential: {
    name: "Dr Amira Haddad",
    specialty: { code: "394579002", label: "Cardiology", system: "http://snomed.info/sct" },
    certifyingBoard: "Eastland Board of Internal Medicine",
    certifiedOn: "2022-03-01",
    recertifyBy: "2032-02-28",
  },
  PostgraduateTrainingCredential: {
    name: "Dr Amira Haddad",
    trainingKind: "residency",
    programme: "Internal Medicine Residency",
    specialty: "Internal medicine",
    period: { start: "2016-08-01", end: "2019-07-31" },
    outcome: "completed",
  },
  ClinicalPrivilegesCredential: {
    name: "Dr Amira Haddad",
    facility: "St Aurelia General Hospital",
    department: "Cardiology",
    role: "Consultant cardiologist",
    procedures: [
      { code: "33367005", label: "Coronary angiography" },
      { label: "Transoesophageal echocardiography" },
    ],
    period: { start: "2025-01-01", end: "2027-12-31" },
    conditions: [{ text: "Percutaneous interventions only with a second consultant present" }],
  },
  CompetencyCredential: {
    name: "Dr Amira Haddad",
    achievement: {
      achievementType: "Competency",
      name: "Ultrasound-guided central venous catheterisation",
      description: "Insertion of central venous catheters under ultrasound guidance.",
      criteria: { narrative: "25 supervised cases, assessed by direct observation (DOPS)." },
    },
    caseCount: 25,
    completedOn: "2025-04-30",
  },
};
