import {
  credentialTypes,
  isCredentialTypeName,
  valueAt,
  type CredentialTypeName,
} from "./credential-types";
import { SNOMED_CT } from "./credential-types/specialty-certification";
import type { DecodedCredential } from "./schemas";

/**
 * The doctor credential model in FHIR R4: each credential becomes one
 * `Practitioner.qualification` (identifier, code as a CodeableConcept, period, issuer), and
 * several credentials of one doctor become a `Practitioner` resource that a hospital's FHIR
 * system can import. What FHIR has no element for (conditions on practice, privileged procedures,
 * case counts, CME hours, training outcome) travels in extensions, never dropped: a licence
 * condition that disappeared on export would be worse than no export.
 */

export const FHIR_BASE = "https://vitae.example/fhir";
export const CREDENTIAL_TYPE_SYSTEM = `${FHIR_BASE}/CodeSystem/credential-type`;
export const extensionUrl = {
  practiceCondition: `${FHIR_BASE}/StructureDefinition/practice-condition`,
  privilegedProcedure: `${FHIR_BASE}/StructureDefinition/privileged-procedure`,
  caseCount: `${FHIR_BASE}/StructureDefinition/case-count`,
  cmeHours: `${FHIR_BASE}/StructureDefinition/cme-hours`,
  trainingOutcome: `${FHIR_BASE}/StructureDefinition/training-outcome`,
  achievementType: `${FHIR_BASE}/StructureDefinition/achievement-type`,
  criteria: `${FHIR_BASE}/StructureDefinition/criteria`,
} as const;
const URI_SYSTEM = "urn:ietf:rfc:3986";
const V2_DEGREE = "http://terminology.hl7.org/CodeSystem/v2-0360";
const V2_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
const VITAE_PROCEDURE_SYSTEM = `${FHIR_BASE}/CodeSystem/procedure`;

export type FhirCoding = { system: string; code: string; display?: string };
export type FhirCodeableConcept = { coding?: FhirCoding[]; text: string };
export type FhirPeriod = { start?: string; end?: string };
export type FhirIdentifier = {
  system?: string;
  value: string;
  type?: { coding?: FhirCoding[]; text: string };
};
export type FhirReference = { identifier?: FhirIdentifier; display?: string };
export type FhirExtension = {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueCodeableConcept?: FhirCodeableConcept;
  extension?: FhirExtension[];
};
export type FhirQualification = {
  extension?: FhirExtension[];
  identifier?: FhirIdentifier[];
  code: FhirCodeableConcept;
  period?: FhirPeriod;
  issuer?: FhirReference;
};
export type FhirPractitioner = {
  resourceType: "Practitioner";
  identifier?: FhirIdentifier[];
  name?: { text: string }[];
  qualification: FhirQualification[];
};

/** What the mapping needs from a credential; `DecodedCredential` provides all of it. */
export type QualificationSource = {
  type: string;
  subject: Record<string, unknown>;
  id?: string | undefined;
  issuer: { id: string; name?: string | undefined };
  validFrom?: Date | undefined;
  validUntil?: Date | undefined;
};

const str = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() ? value.trim() : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    : [];
const compact = <T>(items: (T | undefined | false)[]): T[] =>
  items.filter((i): i is T => i !== undefined && i !== false);

function typeCoding(type: string): FhirCoding {
  const title = isCredentialTypeName(type) ? credentialTypes[type].title : undefined;
  return { system: CREDENTIAL_TYPE_SYSTEM, code: type, ...(title ? { display: title } : {}) };
}

function conditionExtensions(subject: Record<string, unknown>): FhirExtension[] {
  return list(subject.conditions).flatMap((c) => {
    const text = str(c.text);
    if (!text) return [];
    const code = str(c.code);
    return [
      {
        url: extensionUrl.practiceCondition,
        extension: compact<FhirExtension>([
          code !== undefined && { url: "code", valueCode: code },
          { url: "text", valueString: text },
        ]),
      },
    ];
  });
}

/** The qualification's code and the type's own extensions and identifiers. */
function typeSpecific(
  type: CredentialTypeName,
  s: Record<string, unknown>,
): { code: FhirCodeableConcept; extension: FhirExtension[]; identifier: FhirIdentifier[] } {
  const coding = [typeCoding(type)];
  const none = { extension: [] as FhirExtension[], identifier: [] as FhirIdentifier[] };
  switch (type) {
    case "MedicalDegreeCredential": {
      const degree = str(s.degree);
      // HL7 v2 table 0360 knows MD and DO; other degrees (MBBS, MBChB …) travel as text.
      const v2 = degree && ["MD", "DO"].includes(degree.toUpperCase()) ? degree.toUpperCase() : "";
      if (v2)
        coding.unshift({
          system: V2_DEGREE,
          code: v2,
          display: v2 === "MD" ? "Doctor of Medicine" : "Doctor of Osteopathy",
        });
      const text = compact([degree, str(s.programme) && `(${str(s.programme)})`]).join(" ");
      return { code: { coding, text: text || "Medical degree" }, ...none };
    }
    case "MedicalLicenseCredential": {
      const number = str(s.licenseNumber);
      return {
        code: {
          coding,
          text: compact(["Medical licence", str(s.jurisdiction), str(s.scope)]).join(", "),
        },
        extension: conditionExtensions(s),
        identifier: number
          ? [
              {
                type: {
                  coding: [
                    { system: V2_IDENTIFIER_TYPE, code: "MD", display: "Medical License number" },
                  ],
                  text: "Licence number",
                },
                value: number,
              },
            ]
          : [],
      };
    }
    case "SpecialtyCertificationCredential": {
      const code = str(valueAt(s, "specialty.code"));
      const label = str(valueAt(s, "specialty.label"));
      if (code) {
        coding.unshift({
          system: str(valueAt(s, "specialty.system")) ?? SNOMED_CT,
          code,
          ...(label ? { display: label } : {}),
        });
      }
      return {
        code: {
          coding,
          text: label ? `${label} (specialty certification)` : "Specialty certification",
        },
        ...none,
      };
    }
    case "PostgraduateTrainingCredential": {
      const kind = str(s.trainingKind);
      const outcome = str(s.outcome);
      return {
        code: {
          coding,
          text: compact([
            kind ? kind.charAt(0).toUpperCase() + kind.slice(1) : "Postgraduate training",
            str(s.programme),
          ]).join(": "),
        },
        extension: outcome ? [{ url: extensionUrl.trainingOutcome, valueCode: outcome }] : [],
        identifier: [],
      };
    }
    case "ClinicalPrivilegesCredential": {
      const procedures = list(s.procedures).flatMap((p): FhirExtension[] => {
        const label = str(p.label);
        if (!label) return [];
        const code = str(p.code);
        return [
          {
            url: extensionUrl.privilegedProcedure,
            valueCodeableConcept: {
              ...(code
                ? { coding: [{ system: VITAE_PROCEDURE_SYSTEM, code, display: label }] }
                : {}),
              text: label,
            },
          },
        ];
      });
      return {
        code: {
          coding,
          text: compact([
            "Clinical privileges",
            str(s.role),
            str(s.department),
            str(s.facility),
          ]).join(", "),
        },
        extension: [...conditionExtensions(s), ...procedures],
        identifier: [],
      };
    }
    case "CompetencyCredential": {
      const kind = str(valueAt(s, "achievement.achievementType"));
      const caseCount = num(s.caseCount);
      const hours = num(s.creditsEarned);
      const criteria = str(valueAt(s, "achievement.criteria.narrative"));
      const achievementId = str(valueAt(s, "achievement.id"));
      return {
        code: { coding, text: str(valueAt(s, "achievement.name")) ?? "Competency" },
        extension: compact<FhirExtension>([
          kind !== undefined && { url: extensionUrl.achievementType, valueCode: kind },
          caseCount !== undefined && { url: extensionUrl.caseCount, valueInteger: caseCount },
          hours !== undefined && { url: extensionUrl.cmeHours, valueDecimal: hours },
          criteria !== undefined && { url: extensionUrl.criteria, valueString: criteria },
        ]),
        identifier: achievementId ? [{ system: URI_SYSTEM, value: achievementId }] : [],
      };
    }
  }
}

/** A JS date as a FHIR date (YYYY-MM-DD) when it falls on a UTC midnight, else a dateTime. */
function fhirDate(date: Date | undefined): string | undefined {
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

/** The period the credential speaks about (the licence's dates, the training …), else its validity. */
function periodOf(source: QualificationSource): FhirPeriod | undefined {
  const paths = isCredentialTypeName(source.type) ? credentialTypes[source.type].period : {};
  const start =
    (paths.start && str(valueAt(source.subject, paths.start))) || fhirDate(source.validFrom);
  const end = (paths.end && str(valueAt(source.subject, paths.end))) || fhirDate(source.validUntil);
  return start || end ? { ...(start ? { start } : {}), ...(end ? { end } : {}) } : undefined;
}

export function qualificationFromCredential(source: QualificationSource): FhirQualification {
  const { subject } = source;
  const specific = isCredentialTypeName(source.type)
    ? typeSpecific(source.type, subject)
    : {
        code: { coding: [typeCoding(source.type)], text: source.type },
        extension: [],
        identifier: [],
      };
  const identifier = [
    ...(source.id ? [{ system: URI_SYSTEM, value: source.id }] : []),
    ...specific.identifier,
  ];
  const period = periodOf(source);
  const display =
    source.issuer.name ??
    str(subject.institution) ??
    str(subject.certifyingBoard) ??
    str(subject.facility) ??
    source.issuer.id;
  return {
    ...(specific.extension.length > 0 ? { extension: specific.extension } : {}),
    ...(identifier.length > 0 ? { identifier } : {}),
    code: specific.code,
    ...(period ? { period } : {}),
    issuer: { identifier: { system: URI_SYSTEM, value: source.issuer.id }, display },
  };
}

export function qualificationSourceOf(
  credential: DecodedCredential,
  issuerName?: (did: string) => string | undefined,
): QualificationSource {
  return {
    type: credential.type,
    subject: credential.vc.credentialSubject,
    id: credential.id,
    issuer: { id: credential.issuer, name: issuerName?.(credential.issuer) },
    validFrom: credential.validFrom,
    validUntil: credential.validUntil,
  };
}

export type PractitionerResult =
  | { ok: true; practitioner: FhirPractitioner }
  | { ok: false; code: "NO_CREDENTIALS" | "SUBJECT_MISMATCH"; message: string };

/**
 * One Practitioner from several decoded credentials of the same doctor. Credentials bound to
 * different holder DIDs are refused rather than merged: they may be two different people.
 */
export function practitionerFromCredentials(
  credentials: DecodedCredential[],
  options: { issuerName?: (did: string) => string | undefined } = {},
): PractitionerResult {
  if (credentials.length === 0) {
    return { ok: false, code: "NO_CREDENTIALS", message: "There are no credentials to export." };
  }
  const dids = [...new Set(compact(credentials.map((c) => c.subject)))];
  if (dids.length > 1) {
    return {
      ok: false,
      code: "SUBJECT_MISMATCH",
      message: `The credentials belong to ${dids.length} different holders; export them separately.`,
    };
  }
  const names = [...new Set(compact(credentials.map((c) => str(c.vc.credentialSubject.name))))];
  return {
    ok: true,
    practitioner: {
      resourceType: "Practitioner",
      ...(dids.length > 0
        ? { identifier: dids.map((value) => ({ system: URI_SYSTEM, value })) }
        : {}),
      ...(names.length > 0 ? { name: names.map((text) => ({ text })) } : {}),
      qualification: credentials.map((c) =>
        qualificationFromCredential(qualificationSourceOf(c, options.issuerName)),
      ),
    },
  };
}
