import "server-only";
import { and, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { shareViews, shares, verifierRequests } from "@/lib/db/schema";

/**
 * Retention: what Vitae keeps after it stops being useful, and for how long.
 *
 * - **Dossier shares.** Once a share can no longer be opened (expired, or every view used), its
 *   ciphertext is deleted at once: it is the doctor's data and nobody may read it any more. The
 *   row itself (no personal data: id, times, counts) and its view log stay, so the owner's wallet
 *   can still show who opened the link and when, until `shareRowDays` after expiry; then the row
 *   and its views go.
 * - **Verifier requests.** The answer holds the credentials the doctor chose to show: personal
 *   data for the verifier to look at, not to keep on Vitae. A request row, answer and all, is
 *   deleted `requestAnswerDays` after it was answered or declined, or after it expired unanswered.
 *
 * Run by the background sweep (anchor-worker.ts) about once a minute; every step is a plain
 * conditional DELETE/UPDATE, so two processes sweeping at once do no harm.
 */

export type RetentionSettings = {
  /** Days an expired share's row and view log are kept for the owner (ciphertext: none). */
  shareRowDays: number;
  /** Days a verifier request and its answer are kept after answering, declining or expiry. */
  requestAnswerDays: number;
};

export const defaultRetentionSettings: RetentionSettings = {
  shareRowDays: 30,
  requestAnswerDays: 7,
};

export type RetentionSweep = {
  sharesEmptied: number;
  sharesDeleted: number;
  shareViewsDeleted: number;
  requestsDeleted: number;
};

const DAY_MS = 86_400_000;

export async function sweepRetention(
  { db }: { db: Db },
  settings: RetentionSettings = defaultRetentionSettings,
  now: Date = new Date(),
): Promise<RetentionSweep> {
  const emptied = await db
    .update(shares)
    .set({ ciphertext: null })
    .where(
      and(
        isNotNull(shares.ciphertext),
        or(lte(shares.expiresAt, now), sql`${shares.views} >= ${shares.maxViews}`),
      ),
    )
    .returning({ id: shares.id });

  const shareCutoff = new Date(now.getTime() - settings.shareRowDays * DAY_MS);
  const { sharesDeleted, shareViewsDeleted } = await db.transaction(async (tx) => {
    const old = await tx
      .select({ id: shares.id })
      .from(shares)
      .where(lt(shares.expiresAt, shareCutoff));
    if (old.length === 0) return { sharesDeleted: 0, shareViewsDeleted: 0 };
    const ids = old.map((r) => r.id);
    const views = await tx
      .delete(shareViews)
      .where(inArray(shareViews.shareId, ids))
      .returning({ id: shareViews.id });
    const rows = await tx
      .delete(shares)
      .where(inArray(shares.id, ids))
      .returning({ id: shares.id });
    return { sharesDeleted: rows.length, shareViewsDeleted: views.length };
  });

  const requestCutoff = new Date(now.getTime() - settings.requestAnswerDays * DAY_MS);
  const requests = await db
    .delete(verifierRequests)
    .where(
      or(
        lt(verifierRequests.answeredAt, requestCutoff),
        and(isNull(verifierRequests.answeredAt), lt(verifierRequests.expiresAt, requestCutoff)),
      ),
    )
    .returning({ id: verifierRequests.id });

  return {
    sharesEmptied: emptied.length,
    sharesDeleted,
    shareViewsDeleted,
    requestsDeleted: requests.length,
  };
}
