import { z } from "zod";
import { credentialTypeNames, credentialTypes, type CredentialSubject } from "./credential-types";

/**
 * The doctor credential model: six types, one file each under `credential-types/` (subject
 * schema with labels and help text as zod metadata), gathered here under the names the rest of
 * Vitae imports.
 */

export const W3C_CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1";
export const VITAE_CONTEXT = "https://vitae.example/contexts/doctor-credentials/v1";

export { didSchema, practiceConditionSchema } from "./credential-types/fields";
export { medicalDegreeSubjectSchema } from "./credential-types/medical-degree";
export type { MedicalDegreeSubject } from "./credential-types/medical-degree";
export { medicalLicenseSubjectSchema } from "./credential-types/medical-license";
export type { MedicalLicenseSubject } from "./credential-types/medical-license";
export { specialtyCertificationSubjectSchema } from "./credential-types/specialty-certification";
export type { SpecialtyCertificationSubject } from "./credential-types/specialty-certification";
export { postgraduateTrainingSubjectSchema } from "./credential-types/postgraduate-training";
export type { PostgraduateTrainingSubject } from "./credential-types/postgraduate-training";
export { clinicalPrivilegesSubjectSchema } from "./credential-types/clinical-privileges";
export type { ClinicalPrivilegesSubject } from "./credential-types/clinical-privileges";
export { competencySubjectSchema, OPEN_BADGES_V3_CONTEXT } from "./credential-types/competency";
export type { CompetencySubject } from "./credential-types/competency";

export const credentialTypeSchema = z.enum(credentialTypeNames);
export type CredentialType = z.infer<typeof credentialTypeSchema>;

export const subjectSchemaByType = Object.fromEntries(
  credentialTypeNames.map((type) => [type, credentialTypes[type].subjectSchema]),
) as Record<CredentialType, z.ZodType<CredentialSubject>>;

export const statusPurposeSchema = z.enum(["revocation", "suspension"]);
export type StatusPurpose = z.infer<typeof statusPurposeSchema>;

export const bitstringStatusListEntrySchema = z.object({
  id: z.string().optional(),
  type: z.literal("BitstringStatusListEntry"),
  statusPurpose: statusPurposeSchema,
  statusListIndex: z.string().regex(/^(0|[1-9][0-9]{0,9})$/, "must be a decimal index"),
  statusListCredential: z.url(),
});
export type BitstringStatusListEntry = z.infer<typeof bitstringStatusListEntrySchema>;

/** The `vc` claim of a decoded JWT credential, as far as Vitae relies on it. */
export const credentialClaimSchema = z.object({
  "@context": z.array(z.string()).min(1),
  type: z.array(z.string()).min(1),
  id: z.string().optional(),
  issuer: z
    .union([z.string(), z.object({ id: z.string(), name: z.string().optional() })])
    .optional(),
  credentialSubject: z.record(z.string(), z.unknown()),
  credentialStatus: z
    .union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))])
    .optional(),
  issuanceDate: z.string().optional(),
  expirationDate: z.string().optional(),
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
  previous: z.string().optional(),
});
export type CredentialClaim = z.infer<typeof credentialClaimSchema>;

/**
 * The `vp` claim of a JWT presentation (VCDM 1.1 JWT encoding). `verifiableCredential` is read
 * separately, so an empty, oversize or non-JWT list each gets its own code.
 */
export const presentationClaimSchema = z.object({
  "@context": z.array(z.string()).min(1),
  type: z.union([z.string(), z.array(z.string()).min(1)]),
  id: z.string().optional(),
  holder: z.string().optional(),
  verifiableCredential: z.unknown().optional(),
});
export type PresentationClaim = z.infer<typeof presentationClaimSchema>;

/** What the verifier knows about a presentation after decoding it (before any check passed). */
export type DecodedPresentation = {
  jwt: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  vp: PresentationClaim;
  /** The DID that signed it (`iss`). */
  holder: string;
  nonce: string | undefined;
  audience: string[];
  id: string | undefined;
  issuedAt: Date | undefined;
  validFrom: Date | undefined;
  validUntil: Date | undefined;
  /** The embedded credential JWTs, in order. */
  credentials: string[];
};

/** What the verifier knows about a credential after decoding it (before any check passed). */
export type DecodedCredential = {
  jwt: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  vc: CredentialClaim;
  issuer: string;
  subject: string | undefined;
  /** The most specific type (not "VerifiableCredential"). */
  type: string;
  id: string | undefined;
  issuedAt: Date | undefined;
  validFrom: Date | undefined;
  validUntil: Date | undefined;
};

/**
 * A public key as published in a DID document; unknown members (alg, use, kid, …) are dropped so a
 * key is always imported from exactly its public coordinates; a JWK that carries a private part is
 * refused outright, because a published private key means anyone can sign as the issuer.
 */
export const publicJwkSchema = z.object({
  kty: z.string().min(1).max(16),
  crv: z.string().max(32).optional(),
  x: z.string().max(256).optional(),
  y: z.string().max(256).optional(),
  d: z.undefined({ error: "a public key must not carry its private part (d)" }).optional(),
});
export type PublicJwk = Omit<z.infer<typeof publicJwkSchema>, "d">;

export const verificationMethodSchema = z.object({
  id: z.string().min(1).max(2048),
  type: z.string().min(1).max(128),
  controller: z.string().min(1).max(2048),
  publicKeyJwk: publicJwkSchema.optional(),
  /** Multikey / Ed25519VerificationKey2020 form, the same encoding as a did:key identifier. */
  publicKeyMultibase: z.string().max(256).optional(),
  /** CAIP-10 account, e.g. `eip155:31337:0xabc…`: the issuer's ledger account. */
  blockchainAccountId: z.string().max(256).optional(),
});
export type VerificationMethod = z.infer<typeof verificationMethodSchema>;

const verificationRelationshipSchema = z
  .array(z.union([z.string().max(2048), verificationMethodSchema]))
  .max(64)
  .optional();

/** A DID document, parsed at the edge; extra members (services, contexts, …) are ignored. */
export const didDocumentSchema = z.object({
  id: z.string().min(1).max(2048),
  verificationMethod: z.array(verificationMethodSchema).max(64).default([]),
  assertionMethod: verificationRelationshipSchema,
  authentication: verificationRelationshipSchema,
});
export type DidDocument = z.infer<typeof didDocumentSchema>;
export type VerificationRelationship = "assertionMethod" | "authentication";

/**
 * GET /api/v1/credentials/{id}/correction: where a credential sits in a chain of corrections
 * (amend). Ids and a date only, never subject data. Informative: the status list and its anchor
 * stay the source of truth for whether a credential is revoked.
 */
const credentialIdRefSchema = z.string().min(1).max(200);
export const credentialCorrectionSchema = z.object({
  credentialId: credentialIdRefSchema,
  /** The correction that replaced this credential (which is then revoked as "superseded"). */
  supersededBy: credentialIdRefSchema.optional(),
  /** When that correction was issued. */
  at: z.iso.datetime({ offset: true }).optional(),
  reason: z.literal("superseded").optional(),
  /** The credential this one corrects. */
  supersedes: credentialIdRefSchema.optional(),
});
export type CredentialCorrection = z.infer<typeof credentialCorrectionSchema>;
