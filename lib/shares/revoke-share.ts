import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { shares } from "@/lib/db/schema";
import { ownedShare } from "./owned-share";

/**
 * Withdraws a share for good: it is refused from now on and its ciphertext is deleted. Revoking
 * twice is fine (the first time stands). Returns when it was revoked.
 */
export async function revokeShare(
  { db }: { db: Db },
  id: string,
  secret: string,
  now: Date = new Date(),
): Promise<{ revokedAt: string }> {
  const share = await ownedShare(db, id, secret);
  if (share.revokedAt) return { revokedAt: share.revokedAt.toISOString() };
  const [row] = await db
    .update(shares)
    .set({ revokedAt: now, ciphertext: null })
    .where(and(eq(shares.id, id), isNull(shares.revokedAt)))
    .returning({ revokedAt: shares.revokedAt });
  return { revokedAt: (row?.revokedAt ?? now).toISOString() };
}
