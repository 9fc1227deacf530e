import { z } from "zod";

/**
 * A point-in-time reading of the on-chain IssuerRegistry: which institutions (by DID) are
 * accredited for which credential types, for which period, and which were withdrawn. It is a plain
 * JSON value (ISO dates, block number as a number), so the server can send it to a browser and a
 * verifier reads it once per page or batch, never per credential.
 *
 * A reading that failed is still a snapshot, in the `unavailable` state: verification then reports
 * the trust check as unknown (`TRUST_REGISTRY_UNAVAILABLE`), never as passed.
 */

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");
const instant = z.iso.datetime({ offset: true });

/**
 * Why the authority withdrew an accreditation, stored on chain as a uint8. Codes, not free text:
 * the ledger is public and permanent, so nothing said there may be about a person.
 */
export const withdrawalReasons = [
  { code: 0, id: "UNSPECIFIED", label: "No reason given" },
  { code: 1, id: "ISSUER_REQUEST", label: "At the institution's request" },
  { code: 2, id: "NON_COMPLIANCE", label: "Accreditation standards not met" },
  { code: 3, id: "INSTITUTION_CLOSED", label: "Institution closed or merged" },
  { code: 4, id: "KEY_COMPROMISE", label: "Signing keys compromised" },
] as const;
export type WithdrawalReasonId = (typeof withdrawalReasons)[number]["id"];
export const withdrawalReasonIdSchema = z.enum(
  withdrawalReasons.map((r) => r.id) as [WithdrawalReasonId, ...WithdrawalReasonId[]],
);

export function withdrawalReasonLabel(code: number | null): string | undefined {
  if (code === null) return undefined;
  return withdrawalReasons.find((r) => r.code === code)?.label ?? `Reason code ${code}`;
}

export const accreditationSchema = z.object({
  did: z.string().min(1),
  /** The institution's name as the authority recorded it. */
  name: z.string().min(1),
  credentialTypes: z.array(z.string().min(1)),
  validFrom: instant,
  validUntil: instant,
  /** When the accreditation was withdrawn; null while in force. */
  withdrawnAt: instant.nullable(),
  /** A `withdrawalReasons` code; null while in force. */
  withdrawalReason: z.number().int().min(0).max(255).nullable(),
  updatedAt: instant,
});
export type Accreditation = z.infer<typeof accreditationSchema>;

/** Which registry a snapshot is of: the chain and the contract address. */
export const registryRefSchema = z.object({
  chainId: z.number().int().positive(),
  address,
});
export type RegistryRef = z.infer<typeof registryRefSchema>;

export const trustSnapshotSchema = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("read"),
    registry: registryRefSchema,
    /** The accreditation authority's account at that block. */
    governance: address,
    /** The block the whole snapshot was read at (one consistent state). */
    blockNumber: z.number().int().nonnegative(),
    readAt: instant,
    issuers: z.array(accreditationSchema),
  }),
  z.object({
    state: z.literal("unavailable"),
    registry: registryRefSchema,
    readAt: instant,
    /** Why it could not be read (never contains an RPC URL's path or query). */
    reason: z.string().min(1),
  }),
]);
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
