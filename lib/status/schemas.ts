import { z } from "zod";

/** The `credentialSubject` of a BitstringStatusListCredential (W3C Bitstring Status List v1.0). */
export const bitstringStatusListSubjectSchema = z.object({
  id: z.string().optional(),
  type: z.literal("BitstringStatusList"),
  // A list may serve several purposes; the spec allows a string or an array of them.
  statusPurpose: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(8)]),
  encodedList: z.string().min(1),
  ttl: z.number().nonnegative().optional(),
});
export type BitstringStatusListSubject = z.infer<typeof bitstringStatusListSubjectSchema>;
