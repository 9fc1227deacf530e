import type { StatusListSource } from "@/lib/status/check-status";
import type { ResolveDid } from "./resolve-did";

/**
 * What one verifier reuses across the credentials it checks: one browser verifier instance, one
 * roster run, one POST /api/v1/verify request. Each kind of reuse has its own, stated freshness:
 *
 * - DID documents: the resolver instance's cache (`DID_CACHE_TTL_MS`, failures never cached).
 * - Imported public keys: tied to the resolved document they came from (see `verifyJws`), so a
 *   key lives exactly as long as the document that lists it and a rotation is seen with it.
 * - Status lists and their anchors, here: per list URL, the served bytes, the list decoded and its
 *   signature verified once, its bits inflated once, and one `latest()` ledger read, all taken
 *   together and reused for `statusTtlMs` (30 s by default). List and anchor always come from the
 *   same moment, so a list read before a revocation is never compared with an anchor read after
 *   it. Every anchor check made from a reused reading says when it was read (`readAt`) and for
 *   how long readings are reused (`maxAgeSeconds`). A failed fetch or ledger read is reused only
 *   for `failureTtlMs` (5 s), so a blip does not stick, yet a roster does not wait on a dead
 *   chain once per credential.
 *
 * What is reused never makes an answer less strict: every time-dependent rule (a list's own
 * validity, the anchor's age) is evaluated again for each credential against `now()`, and the
 * issuer of each credential is compared with each list's issuer every time.
 *
 * A context serves one verifier: it remembers the `fetch`, ledger and resolver it was first used
 * with, and a call with other sources bypasses it rather than mix their answers.
 */

export const STATUS_READING_TTL_MS = 30_000;
export const STATUS_FAILURE_TTL_MS = 5_000;
const MAX_STATUS_LISTS = 256;

export type VerificationContextOptions = {
  /** How long a status list and its anchor, read together, are reused. */
  statusTtlMs?: number;
  /** How long a failed list fetch or ledger read is reused before it is tried again. */
  failureTtlMs?: number;
  /** Bound on cached lists; the oldest goes first. */
  maxStatusLists?: number;
};

export type CachedStatusList = {
  /** Milliseconds since the epoch, by the verifier's `now()`, when the list was fetched. */
  readAt: number;
  expiresAt: number;
  source: Promise<StatusListSource>;
};

/** The sources a context's readings came from; another set of sources does not share them. */
export type ContextSources = {
  fetch: typeof globalThis.fetch;
  ledger: object;
  resolveDid: ResolveDid;
};

export type VerificationContext = {
  readonly statusTtlMs: number;
  readonly failureTtlMs: number;
  readonly maxStatusLists: number;
  readonly statusLists: Map<string, CachedStatusList>;
  sources?: ContextSources;
};

export function createVerificationContext(
  options: VerificationContextOptions = {},
): VerificationContext {
  return {
    statusTtlMs: options.statusTtlMs ?? STATUS_READING_TTL_MS,
    failureTtlMs: options.failureTtlMs ?? STATUS_FAILURE_TTL_MS,
    maxStatusLists: options.maxStatusLists ?? MAX_STATUS_LISTS,
    statusLists: new Map(),
  };
}

/** Whether `context` may serve a verification that uses `sources` (binding it on first use). */
export function contextServes(context: VerificationContext, sources: ContextSources): boolean {
  if (!context.sources) {
    context.sources = {
      fetch: sources.fetch,
      ledger: sources.ledger,
      resolveDid: sources.resolveDid,
    };
    return true;
  }
  const bound = context.sources;
  return (
    bound.fetch === sources.fetch &&
    bound.ledger === sources.ledger &&
    bound.resolveDid === sources.resolveDid
  );
}
