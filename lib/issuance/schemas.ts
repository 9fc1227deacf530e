import { z } from "zod";
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

export const claimBodySchema = z.object({
  proof: z
    .string()
    .min(10)
    .max(16 * 1024),
});

export const claimTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "not a claim token");

export const holderDidSchema = didSchema;

export const issuerSlugSchema = z.string().regex(/^[a-z0-9-]{2,64}$/, "not an issuer slug");
