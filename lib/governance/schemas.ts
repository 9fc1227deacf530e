import { z } from "zod";
import { didSchema } from "@/lib/credentials/schemas";
import { withdrawalReasonIdSchema } from "@/lib/trust/schemas";

/**
 * What the governance console and API accept. The contract enforces the same limits (1–256 bytes
 * per text, 1–16 types, an end after the start); checking them here first gives the user field
 * errors instead of a reverted transaction.
 */

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;
const maxBytes = 256;

/** A day (YYYY-MM-DD, meaning 00:00 UTC) or an instant with a time zone. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const credentialTypeNameSchema = z
  .string()
  .regex(
    /^[A-Z][A-Za-z0-9]{2,99}$/,
    "must be a credential type name, e.g. MedicalLicenseCredential",
  );

export const accreditationBodySchema = z
  .object({
    did: didSchema.refine((d) => utf8Bytes(d) <= maxBytes, `must be at most ${maxBytes} bytes`),
    name: z
      .string()
      .trim()
      .min(2, "enter the institution's name")
      .refine((n) => utf8Bytes(n) <= maxBytes, `must be at most ${maxBytes} bytes`),
    credentialTypes: z
      .array(credentialTypeNameSchema)
      .min(1, "choose at least one credential type")
      .max(16, "at most 16 credential types")
      .refine((types) => new Set(types).size === types.length, "a type is listed twice"),
    validFrom: moment,
    validUntil: moment,
  })
  .refine((b) => Date.parse(b.validUntil) > Date.parse(b.validFrom), {
    path: ["validUntil"],
    message: "the accreditation must end after it starts",
  });
export type AccreditationBody = z.infer<typeof accreditationBodySchema>;

export const withdrawalBodySchema = z.object({
  did: didSchema,
  reason: withdrawalReasonIdSchema.default("UNSPECIFIED"),
});
export type WithdrawalBody = z.infer<typeof withdrawalBodySchema>;

/** The answer to every governance write: the transaction that made the change. */
export type RegistryChange = {
  did: string;
  txHash: `0x${string}`;
  blockNumber: number;
  at: string;
};
