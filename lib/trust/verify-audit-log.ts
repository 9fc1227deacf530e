/**
 * Checks an issuer's exported audit log against the ledger. UNIVERSAL: runs in the browser, in the
 * CLI (scripts/verify-audit-log.ts) and on the server; the ledger reader is passed in.
 *
 * Each entry's hash is SHA-256 over a canonical encoding of the entry including the previous
 * entry's hash, so editing, deleting or reordering any entry breaks either its own hash or the
 * link to its successor. That alone does not stop an issuer from rewriting the whole tail and
 * re-hashing it; the ledger does: the issuer anchors its log head on StatusListAnchor under the
 * key keccak256("vitae:audit-log:" + issuerDid), and the newest anchored head must be the hash of
 * an entry in the log. Entries after that head are reported as not yet anchored.
 */
import { keccak256, toBytes } from "viem";
import { sha256Hex, type LedgerReader } from "@/lib/ledger/reader";
import { auditLogExportSchema, type AuditEntry } from "./schemas";

export const AUDIT_GENESIS_HASH = `0x${"0".repeat(64)}`;

export const auditLogCodes = {
  AUDIT_CHAIN_OK: "Every entry's hash is correct and each entry links to the one before it.",
  AUDIT_FORMAT_INVALID: "The file is not a Vitae audit log export.",
  AUDIT_ENTRY_ALTERED: "An entry's content does not match its hash: it was changed after writing.",
  AUDIT_ENTRY_MISSING: "Sequence numbers skip: an entry was removed.",
  AUDIT_ENTRY_OUT_OF_ORDER: "Sequence numbers go backwards or repeat: entries were reordered.",
  AUDIT_CHAIN_BROKEN: "An entry does not name its predecessor's hash: the chain is broken.",
  AUDIT_ANCHOR_MATCH: "The newest head anchored on the ledger is an entry of this log.",
  AUDIT_NOT_ANCHORED: "The ledger holds no anchor of this log yet, so it cannot be checked there.",
  AUDIT_ANCHOR_MISMATCH:
    "The head anchored on the ledger is not an entry of this log: the log was rewritten or cut short.",
  AUDIT_ANCHOR_OWNER_MISMATCH: "The anchor on the ledger was not made by the issuer's account.",
  LEDGER_UNAVAILABLE: "The ledger could not be read, so the anchor is unknown.",
} as const;
export type AuditLogCode = keyof typeof auditLogCodes;

export type AuditLogCheck = {
  id: "format" | "chain" | "anchor";
  ok: boolean | null;
  code: AuditLogCode;
  message: string;
  /** The sequence number of the first bad entry, for chain problems. */
  seq?: number;
};

export type AuditLogVerification = {
  /** True only when the chain is intact and the ledger's head is in it. */
  verified: boolean;
  checks: AuditLogCheck[];
  entries: number;
  /** The entry the ledger vouches for, if any, and how many came after it. */
  anchored: { seq: number; hash: string; version: number; anchoredAt: string } | null;
  notYetAnchored: number;
};

/** The chain's list key for an issuer's audit log. */
export function auditLogListKey(issuerDid: string): `0x${string}` {
  return keccak256(toBytes(`vitae:audit-log:${issuerDid}`));
}

/** JSON with object keys sorted at every level: the same bytes wherever it is computed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The bytes an entry's hash covers: everything in the entry but its own hash, canonically. */
export function auditEntryPreimage(issuerDid: string, entry: Omit<AuditEntry, "hash">): string {
  return canonicalJson({
    v: 1,
    issuer: issuerDid,
    seq: entry.seq,
    at: new Date(entry.at).toISOString(),
    actor: { type: entry.actor.type, id: entry.actor.id },
    action: entry.action,
    credentialId: entry.credentialId,
    details: entry.details,
    prevHash: entry.prevHash,
  });
}

/** SHA-256 over the canonical encoding of everything in the entry but its own hash. */
export async function auditEntryHash(
  issuerDid: string,
  entry: Omit<AuditEntry, "hash">,
): Promise<string> {
  return sha256Hex(auditEntryPreimage(issuerDid, entry));
}

function check(
  id: AuditLogCheck["id"],
  ok: boolean | null,
  code: AuditLogCode,
  seq?: number,
): AuditLogCheck {
  return { id, ok, code, message: auditLogCodes[code], ...(seq === undefined ? {} : { seq }) };
}

export async function verifyAuditLog(
  input: unknown,
  deps: { ledger: Pick<LedgerReader, "latest"> },
): Promise<AuditLogVerification> {
  const parsed = auditLogExportSchema.safeParse(input);
  if (!parsed.success) {
    return {
      verified: false,
      checks: [check("format", false, "AUDIT_FORMAT_INVALID")],
      entries: 0,
      anchored: null,
      notYetAnchored: 0,
    };
  }
  const log = parsed.data;
  const { entries } = log;
  const base = { entries: entries.length, anchored: null, notYetAnchored: entries.length };

  const chain = await checkChain(log.issuer.did, entries);
  if (!chain.ok) return { ...base, verified: false, checks: [chain] };

  // The key is derived here, not taken from the file: a log cannot point at someone else's anchor.
  const listKey = auditLogListKey(log.issuer.did);
  let head;
  try {
    head = await deps.ledger.latest(listKey);
  } catch {
    return {
      ...base,
      verified: false,
      checks: [chain, check("anchor", null, "LEDGER_UNAVAILABLE")],
    };
  }
  if (!head) {
    const ok = entries.length === 0 ? true : null;
    return { ...base, verified: false, checks: [chain, check("anchor", ok, "AUDIT_NOT_ANCHORED")] };
  }
  if (head.owner.toLowerCase() !== log.issuer.ledgerAddress.toLowerCase()) {
    return {
      ...base,
      verified: false,
      checks: [chain, check("anchor", false, "AUDIT_ANCHOR_OWNER_MISMATCH")],
    };
  }
  const index = entries.findIndex((e) => e.hash === head.hash.toLowerCase());
  const entry = entries[index];
  if (!entry) {
    return {
      ...base,
      verified: false,
      checks: [chain, check("anchor", false, "AUDIT_ANCHOR_MISMATCH")],
    };
  }
  return {
    verified: true,
    checks: [chain, check("anchor", true, "AUDIT_ANCHOR_MATCH", entry.seq)],
    entries: entries.length,
    anchored: {
      seq: entry.seq,
      hash: entry.hash,
      version: head.version,
      anchoredAt: head.anchoredAt.toISOString(),
    },
    notYetAnchored: entries.length - index - 1,
  };
}

async function checkChain(issuerDid: string, entries: AuditEntry[]): Promise<AuditLogCheck> {
  let prev: AuditEntry | undefined;
  for (const entry of entries) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (entry.seq < expectedSeq)
      return check("chain", false, "AUDIT_ENTRY_OUT_OF_ORDER", entry.seq);
    if ((await auditEntryHash(issuerDid, entry)) !== entry.hash) {
      return check("chain", false, "AUDIT_ENTRY_ALTERED", entry.seq);
    }
    if (entry.seq > expectedSeq) {
      // A later entry sits before an earlier one (reordered) or one is gone (deleted).
      const reordered = entries.some((e) => e.seq > expectedSeq - 1 && e.seq < entry.seq);
      return check(
        "chain",
        false,
        reordered ? "AUDIT_ENTRY_OUT_OF_ORDER" : "AUDIT_ENTRY_MISSING",
        expectedSeq,
      );
    }
    if (entry.prevHash !== (prev?.hash ?? AUDIT_GENESIS_HASH)) {
      return check("chain", false, "AUDIT_CHAIN_BROKEN", entry.seq);
    }
    prev = entry;
  }
  return check("chain", true, "AUDIT_CHAIN_OK");
}
