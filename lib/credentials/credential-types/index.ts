import type { z } from "zod";
import { clinicalPrivilegesSubjectSchema } from "./clinical-privileges";
import { competencySubjectSchema, OPEN_BADGES_V3_CONTEXT } from "./competency";
import { medicalDegreeSubjectSchema } from "./medical-degree";
import { medicalLicenseSubjectSchema } from "./medical-license";
import { postgraduateTrainingSubjectSchema } from "./postgraduate-training";
import { specialtyCertificationSubjectSchema } from "./specialty-certification";

/**
 * The six doctor credential types, one file each, and what the rest of Vitae needs to know about
 * them: the subject schema, the extra JSON-LD contexts and types of the credential, where the
 * subject keeps its period, and which date (if any) the credential itself expires with.
 */

export const credentialTypeNames = [
  "MedicalDegreeCredential",
  "MedicalLicenseCredential",
  "SpecialtyCertificationCredential",
  "PostgraduateTrainingCredential",
  "ClinicalPrivilegesCredential",
  "CompetencyCredential",
] as const;
export type CredentialTypeName = (typeof credentialTypeNames)[number];

/** What every subject schema yields: the holder's name and DID, then the type's own claims. */
export type CredentialSubject = { id?: string; name: string } & Record<string, unknown>;

export type CredentialTypeDefinition = {
  type: CredentialTypeName;
  /** Readable name, e.g. "Medical licence". */
  title: string;
  description: string;
  subjectSchema: z.ZodType<CredentialSubject>;
  /** `@context` entries after the W3C and Vitae contexts. */
  contexts: readonly string[];
  /** `type` entries between "VerifiableCredential" and the Vitae type. */
  types: readonly string[];
  /** Dotted subject paths of the period the credential speaks about. */
  period: { start?: string; end?: string };
  /** The subject date the credential expires with (its end of day is not used: dates are UTC days). */
  expiresWith?: string;
};

function define(
  type: CredentialTypeName,
  subjectSchema: z.ZodType<CredentialSubject>,
  rest: Omit<CredentialTypeDefinition, "type" | "subjectSchema" | "title" | "description">,
): CredentialTypeDefinition {
  const meta = subjectSchema.meta() ?? {};
  return {
    type,
    subjectSchema,
    title: typeof meta.title === "string" ? meta.title : type,
    description: typeof meta.description === "string" ? meta.description : "",
    ...rest,
  };
}

export const credentialTypes: Record<CredentialTypeName, CredentialTypeDefinition> = {
  MedicalDegreeCredential: define("MedicalDegreeCredential", medicalDegreeSubjectSchema, {
    contexts: [],
    types: [],
    period: { start: "graduationDate" },
  }),
  MedicalLicenseCredential: define("MedicalLicenseCredential", medicalLicenseSubjectSchema, {
    contexts: [],
    types: [],
    period: { start: "validFrom", end: "validUntil" },
    expiresWith: "validUntil",
  }),
  SpecialtyCertificationCredential: define(
    "SpecialtyCertificationCredential",
    specialtyCertificationSubjectSchema,
    {
      contexts: [],
      types: [],
      period: { start: "certifiedOn", end: "recertifyBy" },
      expiresWith: "recertifyBy",
    },
  ),
  PostgraduateTrainingCredential: define(
    "PostgraduateTrainingCredential",
    postgraduateTrainingSubjectSchema,
    { contexts: [], types: [], period: { start: "period.start", end: "period.end" } },
  ),
  ClinicalPrivilegesCredential: define(
    "ClinicalPrivilegesCredential",
    clinicalPrivilegesSubjectSchema,
    {
      contexts: [],
      types: [],
      period: { start: "period.start", end: "period.end" },
      expiresWith: "period.end",
    },
  ),
  CompetencyCredential: define("CompetencyCredential", competencySubjectSchema, {
    contexts: [OPEN_BADGES_V3_CONTEXT],
    types: ["AchievementCredential"],
    period: { start: "completedOn", end: "validUntil" },
    expiresWith: "validUntil",
  }),
};

export function isCredentialTypeName(value: string): value is CredentialTypeName {
  return (credentialTypeNames as readonly string[]).includes(value);
}

/** The value at a dotted path ("period.end") of a plain object, or undefined. */
export function valueAt(subject: unknown, path: string): unknown {
  let value: unknown = subject;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The end of a credential's validity taken from its subject (a licence's last day, the
 * recertification date …), as the end of that UTC day, with the subject path it came from.
 */
export function subjectValidUntil(
  type: CredentialTypeName,
  subject: unknown,
): { until: string; path: string } | undefined {
  const path = credentialTypes[type].expiresWith;
  const value = path ? valueAt(subject, path) : undefined;
  return path && typeof value === "string" ? { until: `${value}T23:59:59Z`, path } : undefined;
}

export { OPEN_BADGES_V3_CONTEXT };
