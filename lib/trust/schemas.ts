import { z } from "zod";

/**
 * A point-in-time copy of the trust registry: which issuers are accredited for which credential
 * types. Verification takes a snapshot as a parameter (fetched once per page or batch), so the
 * registry is never queried per credential and a result can say which snapshot it used.
 */
export const trustedIssuerSchema = z.object({
  did: z.string().min(1),
  name: z.string().min(1),
  slug: z.string().min(1).optional(),
  credentialTypes: z.array(z.string().min(1)),
});
export type TrustedIssuer = z.infer<typeof trustedIssuerSchema>;

export const trustSnapshotSchema = z.object({
  issuers: z.array(trustedIssuerSchema),
  /** Where the snapshot came from (URL or registry name), shown with the trust check. */
  source: z.string().min(1),
  fetchedAt: z.string().min(1),
});
export type TrustSnapshot = z.infer<typeof trustSnapshotSchema>;
