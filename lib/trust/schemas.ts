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

/**
 * An issuer's exported audit log (GET /api/v1/issuers/{slug}/audit-log/export), checked by
 * lib/trust/verify-audit-log.ts against the ledger. Entries are oldest first.
 */
const hex32Schema = z.string().regex(/^0x[0-9a-f]{64}$/, "must be 0x + 64 lowercase hex digits");

export const auditEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({ type: z.enum(["staff", "api-key", "system"]), id: z.string().min(1) }),
  action: z.string().min(1),
  credentialId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: hex32Schema,
  hash: hex32Schema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditLogExportSchema = z.object({
  format: z.literal("vitae-audit-log/1"),
  issuer: z.object({
    slug: z.string().min(1),
    did: z.string().min(1),
    ledgerAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  }),
  ledger: z.object({
    chainId: z.number().int().positive(),
    contractAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    listKey: hex32Schema,
  }),
  exportedAt: z.iso.datetime({ offset: true }),
  entries: z.array(auditEntrySchema),
});
export type AuditLogExport = z.infer<typeof auditLogExportSchema>;
