import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { shareViews } from "@/lib/db/schema";
import { ownedShare } from "./owned-share";
import { shareState } from "./refuse-share";
import type { ShareViews } from "./schemas";

/** The owner's view of a share: its state and every open (time and coarse client), oldest first. */
export async function readShareViews(
  { db }: { db: Db },
  id: string,
  secret: string,
  now: Date = new Date(),
): Promise<ShareViews> {
  const share = await ownedShare(db, id, secret);
  const opens = await db
    .select({ at: shareViews.at, client: shareViews.client })
    .from(shareViews)
    .where(eq(shareViews.shareId, id))
    .orderBy(asc(shareViews.at), asc(shareViews.id));
  return {
    id: share.id,
    state: shareState(share, now),
    expiresAt: share.expiresAt.toISOString(),
    revokedAt: share.revokedAt?.toISOString() ?? null,
    views: share.views,
    maxViews: share.maxViews,
    opens: opens.map((o) => ({ at: o.at.toISOString(), client: o.client })),
  };
}
