import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { statusChanges, statusListVersions, statusLists } from "@/lib/db/schema";
import { statusListKey } from "@/lib/ledger/reader";
import { AnchorRejectedError } from "@/lib/ledger/writer";
import { sweepRetention } from "@/lib/retention/sweep-retention";
import { anchorAuditHead, anchorDueAuditHeads } from "./audit-log";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { withListLock } from "./list-lock";
import type { IssuanceServices } from "./services";
import { deliverDueNotifications, enqueueStatusNotifications } from "./status-subscriptions";
import {
  cutVersion,
  getStatusList,
  hasWaitingChanges,
  markAnchored,
  markAttemptFailed,
  pendingVersion,
  statusListUrl,
  type AnchorState,
  type StatusListVersion,
} from "./status-lists";

/**
 * The anchoring worker: drains the outbox of status changes onto the ledger.
 *
 * - **Batching.** The first change to a list opens a window (`batchWindowMs`); every change of that
 *   list inside the window, or up to `batchMaxChanges` of them, goes out as one list version and
 *   one anchor transaction.
 * - **Retries.** A failed anchor stays pending in the database with its attempt count and next
 *   attempt time (exponential backoff with jitter), and is retried until the chain takes it.
 * - **Restarts.** Everything lives in the database, so `sweep()` on start picks up pending versions
 *   and waiting changes; it also runs periodically for other server processes' leftovers and to
 *   re-sign lists before their validity runs out.
 *
 * Sends go through `lib/ledger/writer.ts`, which queues them per ledger account (one nonce
 * sequence each) and waits for the configured confirmations.
 */

export type AnchorWorkerOptions = {
  /** How long the first change of a batch waits for others. */
  batchWindowMs: number;
  /** A batch goes out at once when this many changes are waiting. */
  batchMaxChanges: number;
  /** How often to look for due work left by restarts, other processes and expiring lists. */
  sweepIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
};

const RETENTION_INTERVAL_MS = 60_000;

export const defaultAnchorWorkerOptions: AnchorWorkerOptions = {
  batchWindowMs: 500,
  batchMaxChanges: 500,
  sweepIntervalMs: 5_000,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
};

export type AnchorWorker = {
  /** A change is waiting on `listId`. */
  notify(listId: string): void;
  /** Cuts and anchors the list's waiting changes now. */
  flush(listId: string, opts?: { refresh?: boolean }): Promise<void>;
  /** Flushes everything due; returns how many lists it looked at. */
  sweep(): Promise<number>;
  /** Resolves once the change is anchored, its anchor attempt failed, or the timeout passed. */
  waitForChange(changeId: number, timeoutMs: number): Promise<AnchorState>;
  start(): void;
  stop(): Promise<void>;
};

export function createAnchorWorker(
  svc: IssuanceServices,
  options: Partial<AnchorWorkerOptions> = {},
): AnchorWorker {
  const opts = { ...defaultAnchorWorkerOptions, ...options };
  const timers = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>();
  const waitingCounts = new Map<string, number>();
  const listeners = new Map<string, Set<() => void>>();
  const inflight = new Set<Promise<unknown>>();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  function track(work: Promise<unknown>) {
    const settled = work.catch((err: unknown) => {
      console.warn(`[vitae] anchoring failed: ${err instanceof Error ? err.message : "unknown"}`);
    });
    inflight.add(settled);
    void settled.finally(() => inflight.delete(settled));
  }

  /** Runs a flush of `listId` in `delayMs`, unless one is due sooner already. */
  function schedule(listId: string, delayMs: number) {
    if (stopped) return;
    const at = Date.now() + delayMs;
    const existing = timers.get(listId);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      timers.delete(listId);
      track(flush(listId));
    }, delayMs);
    timer.unref?.();
    timers.set(listId, { at, timer });
  }

  function emit(listId: string) {
    for (const listener of listeners.get(listId) ?? []) listener();
  }

  function nextEvent(listId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const set = listeners.get(listId) ?? new Set();
      listeners.set(listId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) listeners.delete(listId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      set.add(done);
    });
  }

  function notify(listId: string) {
    const count = (waitingCounts.get(listId) ?? 0) + 1;
    waitingCounts.set(listId, count);
    schedule(listId, count >= opts.batchMaxChanges ? 0 : opts.batchWindowMs);
  }

  function backoffMs(attempts: number): number {
    const base = Math.min(opts.retryBaseMs * 2 ** (attempts - 1), opts.retryMaxMs);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** Records the anchor, then tells status-change subscribers (once the chain has it). */
  async function anchored(
    version: StatusListVersion,
    receipt: Parameters<typeof markAnchored>[3],
  ): Promise<true> {
    await markAnchored(svc, version.listId, version.version, receipt);
    const queued = await enqueueStatusNotifications(svc, version.listId, version.version);
    if (queued > 0) track(deliverDueNotifications(svc));
    return true;
  }

  async function anchorVersion(issuer: Issuer, version: StatusListVersion): Promise<boolean> {
    const url = statusListUrl(svc, version.listId);
    const listKey = statusListKey(url);
    try {
      const sent = await svc.ledger.writer.anchorStatusList({
        privateKey: svc.ledger.keyFor(issuer.slug),
        listKey,
        version: version.version,
        hash: version.hash as `0x${string}`,
        uri: url,
      });
      return await anchored(version, {
        txHash: sent.txHash,
        blockNumber: Number(sent.blockNumber),
        anchoredAt: sent.anchoredAt,
      });
    } catch (err) {
      // An earlier attempt may have landed after we stopped waiting for it: believe the chain.
      if (err instanceof AnchorRejectedError) {
        const onChain = await svc.ledger.reader.latest(listKey).catch(() => null);
        if (
          onChain?.version === version.version &&
          onChain.hash.toLowerCase() === version.hash.toLowerCase()
        ) {
          return await anchored(version, {
            txHash: null,
            blockNumber: null,
            anchoredAt: onChain.anchoredAt,
          });
        }
      }
      const attempts = version.attempts + 1;
      const delay = backoffMs(attempts);
      const message = err instanceof Error ? err.message : String(err);
      await markAttemptFailed(svc, version.listId, version.version, {
        attempts,
        nextAttemptAt: new Date(Date.now() + delay),
        error: message,
      });
      console.warn(
        `[vitae] anchor of ${version.listId} v${version.version} pending (attempt ${attempts}, next in ${delay} ms): ${message}`,
      );
      schedule(version.listId, delay);
      return false;
    }
  }

  async function flushLocked(listId: string, refresh: boolean) {
    waitingCounts.delete(listId);
    const list = await getStatusList(svc, listId);
    const issuer = await findIssuer(svc, list.issuerSlug);
    const version =
      (await pendingVersion(svc, listId)) ?? (await cutVersion(svc, issuer, listId, { refresh }));
    if (!version) return;
    const wait = (version.nextAttemptAt?.getTime() ?? 0) - Date.now();
    if (wait > 0) {
      schedule(listId, wait);
      return;
    }
    const anchored = await anchorVersion(issuer, version);
    // The issuer's audit-log head goes on chain with every status anchor (see audit-log.ts).
    if (anchored && version.changeCount > 0) track(anchorAuditHead(svc, issuer));
    // Changes that arrived while this version was on its way go out next.
    if (anchored && (await hasWaitingChanges(svc, listId))) schedule(listId, 0);
  }

  function flush(listId: string, flushOpts: { refresh?: boolean } = {}): Promise<void> {
    return withListLock(listId, () => flushLocked(listId, flushOpts.refresh ?? false)).finally(() =>
      emit(listId),
    );
  }

  async function sweep(): Promise<number> {
    const now = new Date();
    const pending = await svc.db
      .select({ listId: statusListVersions.listId })
      .from(statusListVersions)
      .where(
        and(
          eq(statusListVersions.state, "pending"),
          or(isNull(statusListVersions.nextAttemptAt), lt(statusListVersions.nextAttemptAt, now)),
        ),
      );
    const waiting = await svc.db
      .selectDistinct({ listId: statusChanges.listId })
      .from(statusChanges)
      .where(isNull(statusChanges.version));
    // Re-sign a list once half its validity has passed, so verifiers never see it go stale.
    const halfLife = new Date(now.getTime() + (svc.statusLists.ttlSeconds * 1000) / 2);
    const expiring = await svc.db
      .select({ listId: statusLists.id })
      .from(statusLists)
      .innerJoin(
        statusListVersions,
        and(
          eq(statusListVersions.listId, statusLists.id),
          eq(statusListVersions.version, statusLists.anchoredVersion),
        ),
      )
      .where(
        and(
          lt(statusListVersions.validUntil, halfLife),
          sql`not exists (select 1 from ${statusListVersions} p where p.list_id = ${statusLists.id} and p.state = 'pending')`,
        ),
      );
    const due = new Set([...pending, ...waiting].map((r) => r.listId));
    // Audit-log heads left unanchored for an hour (no status anchor came along meanwhile).
    track(anchorDueAuditHeads(svc));
    await Promise.all([
      ...[...due].map((listId) => flush(listId)),
      ...expiring.filter((r) => !due.has(r.listId)).map((r) => flush(r.listId, { refresh: true })),
    ]);
    return due.size + expiring.length;
  }

  async function changeState(changeId: number) {
    const [row] = await svc.db
      .select({
        listId: statusChanges.listId,
        version: statusChanges.version,
        state: statusListVersions.state,
        attempts: statusListVersions.attempts,
        anchorTx: statusListVersions.anchorTx,
        anchoredAt: statusListVersions.anchoredAt,
        listVersion: statusLists.version,
      })
      .from(statusChanges)
      .innerJoin(statusLists, eq(statusLists.id, statusChanges.listId))
      .leftJoin(
        statusListVersions,
        and(
          eq(statusListVersions.listId, statusChanges.listId),
          eq(statusListVersions.version, statusChanges.version),
        ),
      )
      .where(eq(statusChanges.id, changeId));
    if (!row) throw new Error(`no status change ${changeId}`);
    return row;
  }

  async function waitForChange(changeId: number, timeoutMs: number): Promise<AnchorState> {
    const deadline = Date.now() + timeoutMs;
    const initial = await changeState(changeId);
    const listId = initial.listId;
    // A list already retrying means the chain is down: answer "pending" now, not after the timeout.
    const retrying = await pendingVersion(svc, listId);
    const baseline = retrying?.lastError ? -1 : (initial.attempts ?? 0);
    for (let row = initial; ; row = await changeState(changeId)) {
      const state: AnchorState = {
        listId,
        version: row.version ?? row.listVersion + 1,
        state: row.state === "anchored" ? "anchored" : "pending",
        anchorTx: row.anchorTx ?? null,
        anchoredAt: row.anchoredAt ?? null,
      };
      const failed = baseline < 0 || (row.attempts ?? 0) > baseline;
      const remaining = deadline - Date.now();
      if (state.state === "anchored" || failed || remaining <= 0) return state;
      await nextEvent(listId, remaining);
    }
  }

  return {
    notify,
    flush,
    sweep,
    waitForChange,
    start() {
      if (sweeper || stopped) return;
      let retentionDue = 0;
      const sweepAll = () => {
        track(sweep());
        track(deliverDueNotifications(svc)); // webhook retries
        // Expired shares and finished requests: a minute's delay is nothing against days.
        if (Date.now() >= retentionDue) {
          retentionDue = Date.now() + RETENTION_INTERVAL_MS;
          track(
            sweepRetention(svc, svc.retention).catch((err: unknown) => {
              console.warn(
                `[vitae] retention sweep failed: ${err instanceof Error ? err.message : "unknown"}`,
              );
            }),
          );
        }
      };
      sweepAll();
      sweeper = setInterval(sweepAll, opts.sweepIntervalMs);
      sweeper.unref?.();
    },
    async stop() {
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inflight]);
    },
  };
}
