import "server-only";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { shareViews, shares } from "@/lib/db/schema";
import { refuseShare } from "./refuse-share";
import type { OpenedShare } from "./schemas";

/**
 * Hands out a share's ciphertext and counts the view, atomically: one conditional UPDATE both
 * checks (not revoked, not expired, views below the maximum) and increments, so parallel opens
 * can never exceed `max_views` — the row lock makes each one re-check the count the last one
 * left. The view (time and coarse client; never an IP) is recorded in the same transaction.
 * A share that does not open says why: revoked, expired or exhausted (410), or unknown (404).
 */
export async function openShare(
  { db }: { db: Db },
  id: string,
  client: string,
  now: Date = new Date(),
): Promise<OpenedShare> {
  const opened = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(shares)
      .set({ views: sql`${shares.views} + 1` })
      .where(
        and(
          eq(shares.id, id),
          isNull(shares.revokedAt),
          gt(shares.expiresAt, now),
          lt(shares.views, shares.maxViews),
        ),
      )
      .returning();
    if (!row?.ciphertext) return null;
    await tx.insert(shareViews).values({ shareId: id, at: now, client });
    return {
      id: row.id,
      ciphertext: row.ciphertext,
      expiresAt: row.expiresAt.toISOString(),
      views: row.views,
      maxViews: row.maxViews,
    };
  });
  if (opened) return opened;
  const [row] = await db.select().from(shares).where(eq(shares.id, id));
  throw refuseShare(row, now);
}
