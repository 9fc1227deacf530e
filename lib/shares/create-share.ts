import "server-only";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { shares } from "@/lib/db/schema";
import { hashSecret } from "@/lib/issuance/hash-secret";
import { MAX_SHARE_DAYS, type CreateShareBody, type CreatedShare } from "./schemas";

/**
 * Stores a dossier the wallet encrypted: the ciphertext, when it expires and how many times it
 * may be opened. The wallet chose the id (it is the presentation's nonce and the ciphertext's
 * associated data, so it must exist before encryption); a clash is refused, never overwritten.
 * The owner secret is kept only as its SHA-256.
 */
export async function createShare(
  { db }: { db: Db },
  body: CreateShareBody,
  now: Date = new Date(),
): Promise<CreatedShare> {
  const expiresAt = new Date(body.expiresAt);
  if (expiresAt.getTime() <= now.getTime() + 60_000) {
    throw new AppError("VALIDATION_FAILED", "The share must stay open for at least a minute.", {
      expiresAt: ["must be at least a minute from now"],
    });
  }
  if (expiresAt.getTime() > now.getTime() + MAX_SHARE_DAYS * 86_400_000) {
    throw new AppError(
      "VALIDATION_FAILED",
      `A share can stay open for at most ${MAX_SHARE_DAYS} days.`,
      {
        expiresAt: [`must be within ${MAX_SHARE_DAYS} days`],
      },
    );
  }
  const inserted = await db
    .insert(shares)
    .values({
      id: body.id,
      ciphertext: body.ciphertext,
      expiresAt,
      maxViews: body.maxViews,
      ownerSecretHash: hashSecret(body.ownerSecret),
    })
    .onConflictDoNothing()
    .returning({ id: shares.id });
  if (inserted.length === 0) {
    throw new AppError("CONFLICT", "A share with this id exists already; make a new link.");
  }
  return { id: body.id, expiresAt: expiresAt.toISOString(), maxViews: body.maxViews };
}
