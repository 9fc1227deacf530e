import "server-only";
import { and, eq, gt, isNull, lte, max, sql } from "drizzle-orm";
import { W3C_CREDENTIALS_V1, type StatusPurpose } from "@/lib/credentials/schemas";
import { statusChanges, statusListVersions, statusLists } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "@/lib/ledger/reader";
import { createBitstring, encodeBitstring, setBit, STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import type { Issuer } from "./authenticate-issuer";
import { rowsOf } from "./db-rows";
import { withListLock } from "./list-lock";
import type { IssuanceServices } from "./services";
import { signJwtVc } from "./sign-jwt-vc";

/**
 * Status lists on the issuing side. Every change to a list's bits becomes a new *version*: a
 * freshly signed BitstringStatusListCredential whose SHA-256 is anchored on the ledger. Only
 * anchored versions are served, so what a verifier fetches is what the chain vouches for.
 *
 * A status change is first an outbox row (`status_changes`), written in the same transaction as
 * the credential's new status. The anchoring worker (anchor-worker.ts) later *cuts* a version: it
 * folds every waiting change of the list into the next version number, signs it and records it
 * "pending"; then it anchors it. A list has at most one pending version at a time, so versions on
 * the chain always step by one, and changes that arrive meanwhile wait for the next cut.
 *
 * Each version carries its own validity (`nbf`/`exp`, `ttl`): a verifier can tell a stale list,
 * and the worker re-signs and re-anchors a list before it goes stale even when nothing changed.
 */

export type StatusList = typeof statusLists.$inferSelect;
export type StatusListVersion = typeof statusListVersions.$inferSelect;
type Tx = Parameters<Parameters<IssuanceServices["db"]["transaction"]>[0]>[0];

export type AnchorState = {
  listId: string;
  version: number;
  state: "anchored" | "pending";
  anchorTx: string | null;
  anchoredAt: Date | null;
};

export function statusListUrl(svc: IssuanceServices, listId: string): string {
  return `${svc.publicUrl}/api/v1/status-lists/${listId}`;
}

export function statusListId(slug: string, purpose: StatusPurpose, series: number): string {
  return `${slug}-${purpose}-${series}`;
}

/** The JWT claim that names the list version; the anchor check uses it to tell a rollback. */
export const STATUS_LIST_VERSION_CLAIM = "statusListVersion";

async function signListVersion(
  svc: IssuanceServices,
  issuer: Pick<Issuer, "did" | "signingKid">,
  list: Pick<StatusList, "id" | "purpose">,
  bits: Uint8Array,
  version: number,
): Promise<{ jwt: string; hash: string; validUntil: Date }> {
  const url = statusListUrl(svc, list.id);
  const now = Math.floor(Date.now() / 1000);
  const ttlSeconds = svc.statusLists.ttlSeconds;
  const jwt = await signJwtVc(svc, issuer, {
    nbf: now,
    exp: now + ttlSeconds,
    jti: url,
    [STATUS_LIST_VERSION_CLAIM]: version,
    vc: {
      "@context": [W3C_CREDENTIALS_V1],
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      id: url,
      credentialSubject: {
        id: `${url}#list`,
        type: "BitstringStatusList",
        statusPurpose: list.purpose,
        encodedList: encodeBitstring(bits),
        // Bitstring Status List v1.0: how long (ms) a verifier may cache this list.
        ttl: ttlSeconds * 1000,
      },
    },
  });
  return { jwt, hash: await sha256Hex(jwt), validUntil: new Date((now + ttlSeconds) * 1000) };
}

/**
 * Hands out one status slot for a new credential and returns its series. A series holds
 * `capacity` credentials (one revocation and one suspension list with the same indexes); when it
 * is full the next series opens. The counter only grows: a slot whose credential failed to insert
 * is never handed out again, which merely opens the next series a little early.
 */
export async function reserveSeries(svc: IssuanceServices, issuer: Issuer): Promise<number> {
  return (await reserveSlots(svc, issuer, 1)).series;
}

/**
 * Hands out up to `count` status slots in one series with one update (bulk issuance reserves a
 * chunk at a time); fewer when the series fills up, and the caller asks again for the rest.
 */
export async function reserveSlots(
  svc: IssuanceServices,
  issuer: Issuer,
  count: number,
): Promise<{ series: number; count: number }> {
  for (;;) {
    const [current] = await svc.db
      .select({ series: max(statusLists.series) })
      .from(statusLists)
      .where(eq(statusLists.issuerSlug, issuer.slug));
    const series = current?.series ?? 0;
    if (series > 0) {
      // One atomic statement: the old count is read under the row lock the update takes, so
      // concurrent reservations (1,000 single issues at once) queue instead of retrying.
      const [reserved] = rowsOf<{ granted: number }>(
        await svc.db.execute(sql`
          update ${statusLists} as s
             set allocated = least(s.allocated + ${count}, s.capacity)
            from (select id, allocated as before from ${statusLists}
                   where id = ${statusListId(issuer.slug, "revocation", series)} for update) as o
           where s.id = o.id and s.allocated < s.capacity
          returning least(s.allocated, s.capacity) - o.before as granted`),
      );
      if (reserved && Number(reserved.granted) > 0) {
        return { series, count: Number(reserved.granted) };
      }
    }
    await openSeries(svc, issuer, series + 1);
  }
}

/** Opens series `series` (both purposes, version 1 pending) unless it exists already. */
async function openSeries(svc: IssuanceServices, issuer: Issuer, series: number): Promise<void> {
  await withListLock(`open:${issuer.slug}`, async () => {
    const ids = (["revocation", "suspension"] as const).map((purpose) => ({
      purpose,
      id: statusListId(issuer.slug, purpose, series),
    }));
    const [exists] = await svc.db
      .select({ id: statusLists.id })
      .from(statusLists)
      .where(eq(statusLists.id, ids[0]!.id));
    if (exists) return;
    const bits = createBitstring(STATUS_LIST_SIZE);
    const signed = await Promise.all(
      ids.map((list) => signListVersion(svc, issuer, list, bits, 1)),
    );
    await svc.db.transaction(async (tx) => {
      for (const [i, { id, purpose }] of ids.entries()) {
        await tx
          .insert(statusLists)
          .values({
            id,
            issuerSlug: issuer.slug,
            purpose,
            series,
            size: STATUS_LIST_SIZE,
            capacity: svc.statusLists.capacity,
            bits,
            version: 1,
          })
          .onConflictDoNothing();
        await tx
          .insert(statusListVersions)
          .values({ listId: id, version: 1, ...signed[i]!, state: "pending" })
          .onConflictDoNothing();
      }
    });
    // Anchor version 1 now (once per series), so the first credential verifies at once. A chain
    // outage must not block issuance: the attempt fails fast and the worker retries later.
    await Promise.all(ids.map(({ id }) => svc.anchoring.flush(id).catch(() => undefined)));
  });
}

export async function getStatusList(svc: IssuanceServices, listId: string): Promise<StatusList> {
  const [list] = await svc.db.select().from(statusLists).where(eq(statusLists.id, listId));
  if (!list) throw new AppError("NOT_FOUND", `No status list "${listId}".`);
  return list;
}

/**
 * Records that bit `index` of `listId` should become `value`, inside the caller's transaction (the
 * one that also changes the credential's status). The worker batches it into the next version.
 */
export async function recordStatusChange(
  tx: Tx,
  change: { listId: string; index: number; value: boolean; credentialId: string },
): Promise<number> {
  const [row] = await tx
    .insert(statusChanges)
    .values({
      listId: change.listId,
      statusIndex: change.index,
      value: change.value,
      credentialId: change.credentialId,
    })
    .returning({ id: statusChanges.id });
  return row!.id;
}

/**
 * Folds every waiting change of the list into a new pending version, signed and stored in one
 * transaction with the changes marked as carried by it. Returns null when there is nothing to cut,
 * or when the list already has a pending version (it must be anchored first). `refresh` cuts a
 * version even without changes, to renew the list's validity.
 */
export async function cutVersion(
  svc: IssuanceServices,
  issuer: Issuer,
  listId: string,
  opts: { refresh?: boolean } = {},
): Promise<StatusListVersion | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const list = await getStatusList(svc, listId);
    if (await pendingVersion(svc, listId)) return null;
    const waiting = await svc.db
      .select()
      .from(statusChanges)
      .where(and(eq(statusChanges.listId, listId), isNull(statusChanges.version)))
      .orderBy(statusChanges.id);
    if (waiting.length === 0 && !opts.refresh) return null;

    const bits = new Uint8Array(list.bits);
    for (const change of waiting) setBit(bits, change.statusIndex, change.value);
    const version = list.version + 1;
    // Signed outside the transaction: the key manager reads the database too.
    const signed = await signListVersion(svc, issuer, list, bits, version);
    const lastId = waiting.at(-1)?.id ?? 0;

    const cut = await svc.db
      .transaction(async (tx) => {
        // The row lock makes a second server process wait, then see the version moved on.
        const [locked] = await tx
          .select({ version: statusLists.version })
          .from(statusLists)
          .where(eq(statusLists.id, listId))
          .for("update");
        if (locked?.version !== list.version) return null;
        const carried = await tx
          .update(statusChanges)
          .set({ version })
          .where(
            and(
              eq(statusChanges.listId, listId),
              isNull(statusChanges.version),
              lte(statusChanges.id, lastId),
            ),
          )
          .returning({ id: statusChanges.id });
        if (carried.length !== waiting.length) {
          tx.rollback();
        }
        await tx.update(statusLists).set({ bits, version }).where(eq(statusLists.id, listId));
        const [row] = await tx
          .insert(statusListVersions)
          .values({ listId, version, ...signed, changeCount: waiting.length, state: "pending" })
          .returning();
        return row ?? null;
      })
      .catch((err: unknown) => {
        if (isRollback(err)) return null;
        throw err;
      });
    if (cut) return cut;
  }
  return null;
}

function isRollback(err: unknown): boolean {
  return err instanceof Error && err.name === "TransactionRollbackError";
}

export async function pendingVersion(
  svc: IssuanceServices,
  listId: string,
): Promise<StatusListVersion | undefined> {
  const [row] = await svc.db
    .select()
    .from(statusListVersions)
    .where(and(eq(statusListVersions.listId, listId), eq(statusListVersions.state, "pending")))
    .limit(1);
  return row;
}

/** Whether changes of the list wait for a version still; the worker cuts another one then. */
export async function hasWaitingChanges(svc: IssuanceServices, listId: string): Promise<boolean> {
  const [row] = await svc.db
    .select({ id: statusChanges.id })
    .from(statusChanges)
    .where(and(eq(statusChanges.listId, listId), isNull(statusChanges.version)))
    .limit(1);
  return row !== undefined;
}

export async function markAnchored(
  svc: IssuanceServices,
  listId: string,
  version: number,
  receipt: { txHash: string | null; blockNumber: number | null; anchoredAt: Date },
): Promise<void> {
  await svc.db.transaction(async (tx) => {
    await tx
      .update(statusListVersions)
      .set({
        state: "anchored",
        anchorTx: receipt.txHash,
        blockNumber: receipt.blockNumber,
        anchoredAt: receipt.anchoredAt,
        lastError: null,
        nextAttemptAt: null,
      })
      .where(and(eq(statusListVersions.listId, listId), eq(statusListVersions.version, version)));
    await tx
      .update(statusLists)
      .set({ anchoredVersion: version })
      .where(and(eq(statusLists.id, listId), gt(sql`${version}`, statusLists.anchoredVersion)));
  });
}

export async function markAttemptFailed(
  svc: IssuanceServices,
  listId: string,
  version: number,
  failure: { attempts: number; nextAttemptAt: Date; error: string },
): Promise<void> {
  await svc.db
    .update(statusListVersions)
    .set({
      attempts: failure.attempts,
      nextAttemptAt: failure.nextAttemptAt,
      lastError: failure.error.slice(0, 500),
    })
    .where(and(eq(statusListVersions.listId, listId), eq(statusListVersions.version, version)));
}

/** The newest anchored version: the only one the public endpoint serves. */
export async function servedVersion(
  svc: IssuanceServices,
  listId: string,
): Promise<StatusListVersion> {
  const list = await getStatusList(svc, listId);
  const [row] =
    list.anchoredVersion === 0
      ? []
      : await svc.db
          .select()
          .from(statusListVersions)
          .where(
            and(
              eq(statusListVersions.listId, listId),
              eq(statusListVersions.version, list.anchoredVersion),
            ),
          );
  if (!row) {
    throw new AppError(
      "LEDGER_UNAVAILABLE",
      "This status list has no version anchored on the ledger yet; try again shortly.",
    );
  }
  return row;
}
