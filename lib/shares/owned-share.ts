import "server-only";
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { shares } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { hashSecret } from "@/lib/issuance/hash-secret";

export type ShareRecord = typeof shares.$inferSelect;

/**
 * The share, for its owner only: the caller proves it holds the owner secret the wallet made.
 * An unknown id and a wrong secret get the same answer, so ids cannot be probed this way.
 */
export async function ownedShare(db: Db, id: string, secret: string): Promise<ShareRecord> {
  const [row] = await db.select().from(shares).where(eq(shares.id, id));
  const given = Buffer.from(hashSecret(secret));
  const expected = Buffer.from(row?.ownerSecretHash ?? "");
  if (!row || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("NOT_FOUND", "No such share, or the owner secret does not match.");
  }
  return row;
}
