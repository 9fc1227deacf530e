import { encodeBase64url } from "./base64url";

/**
 * One-time challenges for presentation requests, kept in memory with a TTL. A verifier issues a
 * challenge (a 256-bit random nonce bound to its domain), the wallet signs it into its
 * presentation, and `consume` answers true exactly once, before the challenge expires: that is
 * what makes a recorded presentation useless to replay.
 *
 * In memory: this one is universal, for the verifier's browser and its own requests. The server
 * keeps its challenges in the database instead (lib/issuance/challenge-store.ts).
 */

export type IssuedChallenge = { challenge: string; domain: string; expiresAt: Date };

export type NonceStore = {
  issue(domain: string): IssuedChallenge;
  /** The domain a live, unused challenge was issued for (to default a request's audience). */
  peek(nonce: string): IssuedChallenge | undefined;
  /** True the first time for a live challenge this store issued; false ever after. */
  consume(nonce: string): boolean;
};

export type NonceStoreOptions = {
  now?: () => Date;
  /** How long a challenge may be answered. Explicit, because it bounds a request's life. */
  ttlMs?: number;
  /** Outstanding challenges kept at most; the oldest go first (they would be refused). */
  maxEntries?: number;
};

export const CHALLENGE_TTL_MS = 5 * 60_000;
const NONCE_BYTES = 32;

export function createNonceStore(options: NonceStoreOptions = {}): NonceStore {
  const { now = () => new Date(), ttlMs = CHALLENGE_TTL_MS, maxEntries = 10_000 } = options;
  // Insertion order is issue order, so the first entries are the oldest.
  const live = new Map<string, IssuedChallenge>();

  function sweep(): void {
    const t = now().getTime();
    for (const [nonce, entry] of live) {
      if (entry.expiresAt.getTime() > t) break;
      live.delete(nonce);
    }
  }

  return {
    issue(domain) {
      sweep();
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const entry = {
        challenge: encodeBase64url(bytes),
        domain,
        expiresAt: new Date(now().getTime() + ttlMs),
      };
      live.set(entry.challenge, entry);
      if (live.size > maxEntries) {
        const oldest = live.keys().next().value;
        if (oldest !== undefined) live.delete(oldest);
      }
      return { ...entry };
    },
    peek(nonce) {
      const entry = live.get(nonce);
      return entry && entry.expiresAt.getTime() > now().getTime() ? { ...entry } : undefined;
    },
    consume(nonce) {
      const entry = live.get(nonce);
      if (!entry) return false;
      live.delete(nonce);
      return entry.expiresAt.getTime() > now().getTime();
    },
  };
}
