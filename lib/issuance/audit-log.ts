import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, lt, max, sql } from "drizzle-orm";
import { privateKeyToAccount } from "viem/accounts";
import { auditAnchors, auditEntries, auditHeads, issuers } from "@/lib/db/schema";
import { AnchorRejectedError } from "@/lib/ledger/writer";
import type { AuditEntry, AuditLogExport } from "@/lib/trust/schemas";
import {
  AUDIT_GENESIS_HASH,
  auditEntryHash,
  auditEntryPreimage,
  auditLogListKey,
} from "@/lib/trust/verify-audit-log";
import type { Issuer } from "./authenticate-issuer";
import { withListLock } from "./list-lock";
import type { IssuanceServices } from "./services";

/**
 * The per-issuer, hash-chained audit log. Every issuer action appends one entry, in the same
 * transaction as the action: issue, revoke, suspend, reinstate, amend, staff and API key changes,
 * sign-in. An entry's hash covers its content and its predecessor's hash (the encoding lives in
 * the universal lib/trust/verify-audit-log.ts, so outsiders recompute exactly the same bytes).
 *
 * Appends take a row lock on the issuer's `audit_heads` row, so concurrent appends queue instead
 * of forking; the (issuer, seq) primary key would refuse a fork anyway. The head is anchored on
 * StatusListAnchor from the issuer's own account (after status anchors, hourly, and on demand).
 * Entries hold ids and reasons, never passwords, tokens or key material.
 */

type Tx = Parameters<Parameters<IssuanceServices["db"]["transaction"]>[0]>[0];
type DbLike = IssuanceServices["db"] | Tx;

export type Actor = AuditEntry["actor"];
export const systemActor: Actor = { type: "system", id: "vitae" };

export type AuditAction =
  | "credential.issued"
  | "credential.revoked"
  | "credential.suspended"
  | "credential.reinstated"
  | "credential.amended"
  | "credential.rebound"
  | "bulk.started"
  | "bulk.finished"
  | "staff.created"
  | "staff.role-changed"
  | "staff.disabled"
  | "staff.enabled"
  | "staff.locked"
  | "staff.password-changed"
  | "staff.password-reset"
  | "api-key.created"
  | "api-key.revoked"
  | "session.signed-in"
  | "session.signed-out";

export type AuditInput = {
  issuer: Pick<Issuer, "slug" | "did">;
  actor: Actor;
  action: AuditAction;
  credentialId?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
};

/** Appends one entry inside the caller's transaction `tx` (pass the action's own transaction). */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<AuditEntry> {
  const slug = input.issuer.slug;
  await tx
    .insert(auditHeads)
    .values({ issuerSlug: slug, seq: 0, hash: AUDIT_GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditHeads)
    .where(eq(auditHeads.issuerSlug, slug))
    .for("update");
  if (!head) throw new Error(`no audit head for ${slug}`);
  // Millisecond precision, so the stored time reads back as the hashed one.
  const at = new Date(Math.floor((input.at ?? new Date()).getTime()));
  const body = {
    seq: head.seq + 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    credentialId: input.credentialId ?? null,
    details: input.details ?? {},
    prevHash: head.hash,
  };
  const hash = await auditEntryHash(input.issuer.did, body);
  await tx.insert(auditEntries).values({
    issuerSlug: slug,
    seq: body.seq,
    at,
    actorType: body.actor.type,
    actorId: body.actor.id,
    action: body.action,
    credentialId: body.credentialId,
    details: body.details,
    prevHash: body.prevHash,
    hash,
  });
  await tx.update(auditHeads).set({ seq: body.seq, hash }).where(eq(auditHeads.issuerSlug, slug));
  return { ...body, hash };
}

/**
 * Appends many entries inside `tx` with one head lock, one insert and one head update: the chain
 * is computed in memory while the head row is locked (bulk issuance writes an entry per
 * credential this way, at the cost of hashing only). Entries follow the order of `inputs`.
 */
export async function appendAuditBatch(
  tx: Tx,
  issuer: Pick<Issuer, "slug" | "did">,
  inputs: Omit<AuditInput, "issuer">[],
): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  const slug = issuer.slug;
  await tx
    .insert(auditHeads)
    .values({ issuerSlug: slug, seq: 0, hash: AUDIT_GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditHeads)
    .where(eq(auditHeads.issuerSlug, slug))
    .for("update");
  if (!head) throw new Error(`no audit head for ${slug}`);
  const entries: AuditEntry[] = [];
  let prev = { seq: head.seq, hash: head.hash };
  for (const input of inputs) {
    const at = new Date(Math.floor((input.at ?? new Date()).getTime()));
    const body = {
      seq: prev.seq + 1,
      at: at.toISOString(),
      actor: input.actor,
      action: input.action,
      credentialId: input.credentialId ?? null,
      details: input.details ?? {},
      prevHash: prev.hash,
    };
    // The same bytes and hash as auditEntryHash, synchronously: thousands per bulk chunk.
    const hash = `0x${createHash("sha256").update(auditEntryPreimage(issuer.did, body)).digest("hex")}`;
    const entry = { ...body, hash };
    entries.push(entry);
    prev = entry;
  }
  // One JSON parameter (jsonb_to_recordset): with PGlite far faster than a parameter per value.
  const rows = entries.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor_type: e.actor.type,
    actor_id: e.actor.id,
    action: e.action,
    credential_id: e.credentialId,
    details: e.details,
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  await tx.execute(sql`
    insert into ${auditEntries}
      (issuer_slug, seq, at, actor_type, actor_id, action, credential_id, details, prev_hash, hash)
    select ${slug}, x.seq, x.at, x.actor_type, x.actor_id, x.action, x.credential_id, x.details,
           x.prev_hash, x.hash
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
           seq int, at timestamptz, actor_type text, actor_id text, action text,
           credential_id text, details jsonb, prev_hash text, hash text)`);
  await tx
    .update(auditHeads)
    .set({ seq: prev.seq, hash: prev.hash })
    .where(eq(auditHeads.issuerSlug, slug));
  return entries;
}

/** Appends in a transaction of its own, for actions that have none (e.g. sign-in). */
export function recordAudit(db: DbLike, input: AuditInput): Promise<AuditEntry> {
  return db.transaction((tx) => appendAudit(tx, input));
}

function toEntry(row: typeof auditEntries.$inferSelect): AuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId },
    action: row.action,
    credentialId: row.credentialId,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export type AuditAnchor = {
  version: number;
  seq: number;
  hash: string;
  anchorTx: string | null;
  blockNumber: number | null;
  anchoredAt: string;
};

export type AuditLogPage = {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  head: { seq: number; hash: string };
  lastAnchor: AuditAnchor | null;
};

/** Newest first, `limit` entries with seq below `before`. */
export async function listAuditLog(
  svc: IssuanceServices,
  issuer: Pick<Issuer, "slug">,
  opts: { before?: number | undefined; limit?: number | undefined } = {},
): Promise<AuditLogPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await svc.db
    .select()
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.issuerSlug, issuer.slug),
        opts.before === undefined ? undefined : lt(auditEntries.seq, opts.before),
      ),
    )
    .orderBy(desc(auditEntries.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(toEntry);
  const [head] = await svc.db
    .select()
    .from(auditHeads)
    .where(eq(auditHeads.issuerSlug, issuer.slug));
  return {
    entries: page,
    nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
    head: { seq: head?.seq ?? 0, hash: head?.hash ?? AUDIT_GENESIS_HASH },
    lastAnchor: await lastAuditAnchor(svc, issuer.slug),
  };
}

export async function lastAuditAnchor(
  svc: IssuanceServices,
  slug: string,
): Promise<AuditAnchor | null> {
  const [row] = await svc.db
    .select()
    .from(auditAnchors)
    .where(eq(auditAnchors.issuerSlug, slug))
    .orderBy(desc(auditAnchors.version))
    .limit(1);
  return row
    ? {
        version: row.version,
        seq: row.seq,
        hash: row.hash,
        anchorTx: row.anchorTx,
        blockNumber: row.blockNumber,
        anchoredAt: row.anchoredAt.toISOString(),
      }
    : null;
}

/** The whole log, oldest first, in the form lib/trust/verify-audit-log.ts checks. */
export async function exportAuditLog(
  svc: IssuanceServices,
  issuer: Issuer,
  now: Date = new Date(),
): Promise<AuditLogExport> {
  const rows = await svc.db
    .select()
    .from(auditEntries)
    .where(eq(auditEntries.issuerSlug, issuer.slug))
    .orderBy(auditEntries.seq);
  return {
    format: "vitae-audit-log/1",
    issuer: { slug: issuer.slug, did: issuer.did, ledgerAddress: issuer.ledgerAddress },
    ledger: {
      chainId: svc.ledger.config.chainId,
      contractAddress: svc.ledger.config.contractAddress,
      listKey: auditLogListKey(issuer.did),
    },
    exportedAt: now.toISOString(),
    entries: rows.map(toEntry),
  };
}

/**
 * Anchors the issuer's current log head on the ledger unless it is anchored already. The version
 * follows the chain (its latest version + 1), so a record lost locally never wedges anchoring.
 * Returns the newest anchor, or null for an empty log.
 */
export function anchorAuditHead(
  svc: IssuanceServices,
  issuer: Pick<Issuer, "slug" | "did">,
): Promise<AuditAnchor | null> {
  return withListLock(`audit:${issuer.slug}`, async () => {
    const [head] = await svc.db
      .select()
      .from(auditHeads)
      .where(eq(auditHeads.issuerSlug, issuer.slug));
    if (!head || head.seq === 0) return null;
    const last = await lastAuditAnchor(svc, issuer.slug);
    if (last?.hash === head.hash) return last;

    const listKey = auditLogListKey(issuer.did);
    const onChain = await svc.ledger.reader.latest(listKey);
    let receipt: { txHash: string | null; blockNumber: number | null; anchoredAt: Date };
    let version: number;
    if (onChain && onChain.hash.toLowerCase() === head.hash) {
      version = onChain.version;
      receipt = { txHash: null, blockNumber: null, anchoredAt: onChain.anchoredAt };
    } else {
      version = (onChain?.version ?? 0) + 1;
      try {
        const sent = await svc.ledger.writer.anchorStatusList({
          privateKey: svc.ledger.keyFor(issuer.slug),
          listKey,
          version,
          hash: head.hash as `0x${string}`,
          uri: `${svc.publicUrl}/api/v1/issuers/${issuer.slug}/audit-log/export`,
        });
        receipt = {
          txHash: sent.txHash,
          blockNumber: Number(sent.blockNumber),
          anchoredAt: sent.anchoredAt,
        };
      } catch (err) {
        if (err instanceof AnchorRejectedError && err.reason === "NOT_OWNER") {
          const me = privateKeyToAccount(svc.ledger.keyFor(issuer.slug)).address;
          throw new AnchorRejectedError(
            "NOT_OWNER",
            `the audit log key is owned by ${err.owner ?? "another account"}, not ${me}`,
          );
        }
        throw err;
      }
    }
    await svc.db
      .insert(auditAnchors)
      .values({
        issuerSlug: issuer.slug,
        version,
        seq: head.seq,
        hash: head.hash,
        anchorTx: receipt.txHash,
        blockNumber: receipt.blockNumber,
        anchoredAt: receipt.anchoredAt,
      })
      .onConflictDoNothing();
    return lastAuditAnchor(svc, issuer.slug);
  });
}

/**
 * Anchors every issuer whose head moved on and whose last anchor is older than `maxAgeMs` (the
 * hourly guarantee; status anchors and the console's button anchor sooner). Returns how many.
 */
export async function anchorDueAuditHeads(
  svc: IssuanceServices,
  maxAgeMs = 3600_000,
  now: Date = new Date(),
): Promise<number> {
  const rows = await svc.db
    .select({
      slug: auditHeads.issuerSlug,
      did: issuers.did,
      headSeq: auditHeads.seq,
      anchoredSeq: max(auditAnchors.seq),
      lastAt: max(auditAnchors.anchoredAt),
      firstAt: sql<
        string | null
      >`(select min(${auditEntries.at}) from ${auditEntries} where ${auditEntries.issuerSlug} = ${auditHeads.issuerSlug} and ${auditEntries.seq} > coalesce(max(${auditAnchors.seq}), 0))`,
    })
    .from(auditHeads)
    .innerJoin(issuers, eq(issuers.slug, auditHeads.issuerSlug))
    .leftJoin(auditAnchors, eq(auditAnchors.issuerSlug, auditHeads.issuerSlug))
    .groupBy(auditHeads.issuerSlug, issuers.did, auditHeads.seq);
  let count = 0;
  for (const row of rows) {
    if (row.headSeq <= (row.anchoredSeq ?? 0)) continue;
    // Due once the oldest unanchored entry is `maxAgeMs` old.
    const since = row.firstAt ? new Date(row.firstAt).getTime() : 0;
    if (now.getTime() - since < maxAgeMs) continue;
    await anchorAuditHead(svc, { slug: row.slug, did: row.did });
    count++;
  }
  return count;
}
