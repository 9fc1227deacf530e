import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { CHALLENGE_TTL_MS, type IssuedChallenge } from "@/lib/credentials/nonce-store";
import type { Db } from "@/lib/db/client";
import { presentationChallenges } from "@/lib/db/schema";

/**
 * The server's one-time challenges, in the database: `consume` is a single conditional UPDATE, so
 * a nonce is accepted once even with several server processes, and a restart forgets nothing.
 * (The browser verifier keeps its own requests in `lib/credentials/nonce-store`.)
 */
export type ChallengeStore = {
  issue(domain: string): Promise<IssuedChallenge>;
  /** The domain a live, unused challenge was issued for. */
  peek(nonce: string): Promise<IssuedChallenge | undefined>;
  /** True the first time for a live challenge this server issued; false ever after. */
  consume(nonce: string): Promise<boolean>;
};

export function createChallengeStore(
  db: Db,
  opts: { ttlMs?: number; now?: () => Date } = {},
): ChallengeStore {
  const { ttlMs = CHALLENGE_TTL_MS, now = () => new Date() } = opts;
  return {
    async issue(domain) {
      const at = now();
      // Expired challenges can never be answered; dropping them keeps the table small.
      await db.delete(presentationChallenges).where(lt(presentationChallenges.expiresAt, at));
      const entry = {
        challenge: randomBytes(32).toString("base64url"),
        domain,
        expiresAt: new Date(at.getTime() + ttlMs),
      };
      await db.insert(presentationChallenges).values({
        nonce: entry.challenge,
        domain,
        expiresAt: entry.expiresAt,
      });
      return entry;
    },
    async peek(nonce) {
      const [row] = await db
        .select()
        .from(presentationChallenges)
        .where(
          and(
            eq(presentationChallenges.nonce, nonce),
            isNull(presentationChallenges.usedAt),
            gt(presentationChallenges.expiresAt, now()),
          ),
        );
      return row
        ? { challenge: row.nonce, domain: row.domain, expiresAt: row.expiresAt }
        : undefined;
    },
    async consume(nonce) {
      const at = now();
      const used = await db
        .update(presentationChallenges)
        .set({ usedAt: at })
        .where(
          and(
            eq(presentationChallenges.nonce, nonce),
            isNull(presentationChallenges.usedAt),
            gt(presentationChallenges.expiresAt, at),
          ),
        )
        .returning({ nonce: presentationChallenges.nonce });
      return used.length === 1;
    },
  };
}
