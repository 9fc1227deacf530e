import { z } from "zod";
import { MAX_JWT_BYTES } from "@/lib/credentials/decode-jwt";
import { MAX_PRESENTATION_BYTES } from "@/lib/credentials/decode-presentation";
import { credentialTypeSchema, didSchema } from "@/lib/credentials/schemas";

/** Request bodies of the issuance API, parsed before anything else runs. */

export const issueCredentialBodySchema = z.object({
  type: credentialTypeSchema,
  subject: z.record(z.string(), z.unknown()),
  validUntil: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .optional()
    .describe("ISO date or date-time after which the credential is no longer valid"),
});
export type IssueCredentialBody = z.infer<typeof issueCredentialBodySchema>;

export const statusActionSchema = z.enum(["revoke", "suspend", "reinstate"]);
export type StatusAction = z.infer<typeof statusActionSchema>;

export const statusChangeBodySchema = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .default({});

/** The did:jwk of a wallet's recovery key (a public key; the claim's optional `recovery_did`). */
export const recoveryDidSchema = z
  .string()
  .max(1024)
  .regex(/^did:jwk:[A-Za-z0-9_-]{40,}$/, "must be a did:jwk");

export const claimBodySchema = z.object({
  proof: z
    .string()
    .min(10)
    .max(16 * 1024),
  recovery_did: recoveryDidSchema.optional(),
});

const rebindJwtSchema = z
  .string()
  .min(10)
  .max(16 * 1024)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "must be a compact JWT");

/**
 * POST /api/v1/rebind: `request` signed by the recovery key (iss = its did:jwk), `holderProof`
 * signed by the new holder key over the same nonce (lib/issuance/rebind-credentials.ts).
 */
export const rebindBodySchema = z.object({
  request: rebindJwtSchema,
  holderProof: rebindJwtSchema,
});
export type RebindBody = z.infer<typeof rebindBodySchema>;

export const claimTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "not a claim token");

export const holderDidSchema = didSchema;

export const issuerSlugSchema = z.string().regex(/^[a-z0-9-]{2,64}$/, "not an issuer slug");

// POST /api/v1/verify takes a credential or a presentation; the route picks the schema by key.
export const verifyCredentialBodySchema = z.object({
  credential: z
    .string()
    .min(1, "credential must be a compact JWT")
    .max(MAX_JWT_BYTES, `credential is larger than ${MAX_JWT_BYTES} bytes`),
});

/** A verifier's identifier as signed into `aud`: its origin or DID, plain printable text. */
const domainSchema = z
  .string()
  .min(1)
  .max(2048)
  .regex(
    /^[\x21-\x7e]+$/,
    "domain must be printable ASCII without spaces, e.g. https://hospital.example",
  );

export const verifyPresentationBodySchema = z
  .object({
    presentation: z
      .string()
      .min(1, "presentation must be a compact JWT")
      .max(MAX_PRESENTATION_BYTES, `presentation is larger than ${MAX_PRESENTATION_BYTES} bytes`),
    challenge: z.string().min(1).max(512).optional(),
    domain: domainSchema.optional(),
    allowNonSubjectHolder: z.boolean().optional(),
  })
  .strict();
export type VerifyPresentationBody = z.infer<typeof verifyPresentationBodySchema>;

export const challengeBodySchema = z
  .object({ domain: domainSchema.optional() })
  .strict()
  .default({});

export const subscribeBodySchema = z.object({
  credential: z
    .string()
    .min(10)
    .max(64 * 1024),
  webhookUrl: z.string().min(8).max(2048),
});

export const subscriptionIdSchema = z.uuid("not a subscription id");

// Staff accounts, sessions and API keys (console administration).
export const staffRoleSchema = z.enum(["admin", "staff"]);
export type StaffRole = z.infer<typeof staffRoleSchema>;

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email("enter an e-mail address like name@hospital.org"));

export const signInBodySchema = z.object({
  issuer: issuerSlugSchema,
  email: emailSchema,
  password: z.string().min(1, "enter your password").max(1024),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const createStaffBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "enter the person's name").max(200),
  role: staffRoleSchema,
});
export type CreateStaffBody = z.infer<typeof createStaffBodySchema>;

export const updateStaffBodySchema = z
  .object({ role: staffRoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, "change the role or the state");
export type UpdateStaffBody = z.infer<typeof updateStaffBodySchema>;

/**
 * The strength rule for a password a person chooses: at least 12 characters (a passphrase is
 * fine), at most 200, and not a run of a few repeated characters. Checks that need context (not
 * the current password, not the e-mail) are made by changeOwnPassword.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "use at most 200 characters")
  .refine((p) => new Set(p).size >= 6, "use more different characters");

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, "enter your current password").max(1024),
  newPassword: newPasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const createApiKeyBodySchema = z.object({
  label: z.string().trim().min(1, "name the system that will use the key").max(100),
});

export const recordIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "not an id");

export const auditLogQuerySchema = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** The form fields of a bulk upload (multipart/form-data, beside the file itself). */
export const bulkUploadFieldsSchema = z.object({
  type: credentialTypeSchema,
  /** JSON object: subject path → column name. Absent: matched by header. */
  mapping: z
    .string()
    .max(16 * 1024)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return undefined;
      try {
        const parsed = z
          .record(z.string().max(200), z.string().max(200))
          .safeParse(JSON.parse(value));
        if (parsed.success) return parsed.data;
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: "custom",
        message: "must be a JSON object of field path → column name",
      });
      return z.NEVER;
    }),
  rowKeyColumn: z.string().trim().min(1).max(200).optional(),
  skipInvalid: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});
export type BulkUploadFields = z.infer<typeof bulkUploadFieldsSchema>;

export const bulkJobIdSchema = z.uuid("not a bulk job id");

/** Corrected subject for POST …/credentials/{id}/amend; the type stays that of the original. */
export const amendCredentialBodySchema = z.object({
  subject: z.record(z.string(), z.unknown()),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type AmendCredentialBody = z.infer<typeof amendCredentialBodySchema>;

const isoDay = z.iso.date("must be a date as YYYY-MM-DD");

/** Query of GET /api/v1/issuers/{slug}/credentials; every parameter is optional. */
export const credentialSearchSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    type: credentialTypeSchema.optional(),
    status: z.enum(["active", "revoked", "suspended"]).optional(),
    issuedFrom: isoDay.optional(),
    issuedTo: isoDay.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .refine((s) => !s.issuedFrom || !s.issuedTo || s.issuedFrom <= s.issuedTo, {
    message: "must not be before issuedFrom",
    path: ["issuedTo"],
  });
export type CredentialSearch = z.infer<typeof credentialSearchSchema>;
