/**
 * The verification race itself, as universal code: Node runs it from issue-verify.bench.ts and
 * Chromium runs the very same module, bundled (scripts/bench/browser/). Three contenders verify the
 * same JWTs:
 *
 * - raw native: WebCrypto Ed25519 `verify` of each JWT's signature over its signing input, the key
 *   imported once and every JWT split beforehand: the platform's limit, nothing else;
 * - Vitae: `verifyCredential` with all six checks. Warm: one verifier whose DID document, status
 *   lists and anchors were read by an earlier credential and are still within their TTL, so the
 *   run does no I/O, like the two baselines. Cold: a fresh verifier per timed run (new DID
 *   resolver, new verification context), so the run also pays for reading all of those;
 * - did-jwt-vc: `verifyCredential` (signature and dates only) with an in-memory DID resolver.
 *
 * Each contender runs one after another (awaiting each credential) and in batches (a batch's
 * credentials verified concurrently, batch after batch). Rounds are interleaved and the best round
 * counts, so a burst of load from elsewhere on the machine does not decide a ratio.
 */
import { verifyCredential as verifyJwtVc } from "did-jwt-vc";
import { Resolver, type DIDDocument } from "did-resolver";
import { decodeJwt } from "@/lib/credentials/decode-jwt";
import type { VerificationResult } from "@/lib/credentials/verification";
import type { LedgerReader } from "@/lib/ledger/reader";

export type Verifier = (jwt: string) => Promise<VerificationResult>;

/** What one verifier asked of the outside world: HTTP requests and ledger `latest()` reads. */
export type SourceCounts = { requests: number; ledgerReads: number };

/** Wraps a verifier's `fetch` and ledger so its reads can be counted. */
export function countingSources(fetcher: typeof fetch, ledger: LedgerReader) {
  const counts: SourceCounts = { requests: 0, ledgerReads: 0 };
  const countedFetch: typeof fetch = (url, init) => {
    counts.requests++;
    return fetcher(url, init);
  };
  const countedLedger: LedgerReader = {
    latest: (key) => {
      counts.ledgerReads++;
      return ledger.latest(key);
    },
    history: (key, opts) => ledger.history(key, opts),
  };
  return { fetch: countedFetch, ledger: countedLedger, counts };
}

export type ThroughputInput = {
  jwts: string[];
  /** Credentials verified concurrently in the batched runs. */
  batch: number;
  rounds: number;
  /** A new verifier, cold caches and all, for each timed run, with its source counts. */
  newVerifier: () => { verify: Verifier; counts: SourceCounts };
  /** The issuer's DID document: the key for the raw run, the document for did-jwt-vc. */
  didDocument: DIDDocument;
};

export type ContenderFigures = { sequentialMs: number; batchedMs: number };

export type ThroughputFigures = {
  count: number;
  batch: number;
  rounds: number;
  raw: ContenderFigures;
  vitae: ContenderFigures;
  vitaeCold: ContenderFigures;
  didJwtVc: ContenderFigures;
  /** How long the first credential of a cold Vitae run took (DID, lists and anchors read). */
  vitaeFirstMs: number;
  /** The most one cold Vitae run of all the credentials asked of its sources. */
  vitaeSources: SourceCounts;
  /** What the warm verifier asked of its sources over every run it made (re-reads after TTL). */
  warmSources: SourceCounts & { verifications: number; seconds: number };
  userAgent: string;
};

type Run = (jwts: string[]) => Promise<void>;

function clock(): () => number {
  const start = performance.now();
  return () => performance.now() - start;
}

async function sequentially<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (const item of items) await work(item);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(work));
  }
}

/** did-jwt-vc's best case: did:web documents from memory, no I/O. */
export function memoryResolver(documents: readonly DIDDocument[]): Resolver {
  const byDid = new Map(documents.map((d) => [d.id, d]));
  return new Resolver({
    web: async (did) => {
      const document = byDid.get(did);
      return {
        didResolutionMetadata: document ? {} : { error: "notFound" },
        didDocument: document ?? null,
        didDocumentMetadata: {},
      };
    },
  });
}

async function rawContender(input: ThroughputInput) {
  const method = input.didDocument.verificationMethod?.find((m) => m.publicKeyJwk);
  if (!method?.publicKeyJwk)
    throw new Error("The issuer's DID document has no JWK to verify with.");
  const key = await crypto.subtle.importKey(
    "jwk",
    method.publicKeyJwk as JsonWebKey,
    { name: "Ed25519" },
    false,
    ["verify"],
  );
  const parts = new Map(
    input.jwts.map((jwt) => {
      const decoded = decodeJwt(jwt);
      if (!decoded.ok) throw new Error(`A benchmark JWT does not decode: ${decoded.message}`);
      // Fresh ArrayBuffer-backed copies, made before the clock starts (as WebCrypto's types ask).
      return [
        jwt,
        { signature: decoded.signature.slice(), signingInput: decoded.signingInput.slice() },
      ] as const;
    }),
  );
  return async (jwt: string) => {
    const { signature, signingInput } = parts.get(jwt)!;
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, key, signature, signingInput))) {
      throw new Error("Raw WebCrypto rejected a benchmark signature.");
    }
  };
}

export async function runVerifyThroughput(input: ThroughputInput): Promise<ThroughputFigures> {
  const { jwts, batch, rounds } = input;
  const raw = await rawContender(input);
  const resolver = memoryResolver([input.didDocument]);
  const didJwtVc = async (jwt: string) => {
    const result = await verifyJwtVc(jwt, resolver);
    if (!result.verified) throw new Error("did-jwt-vc did not verify a benchmark credential.");
  };
  let vitaeFirstMs = Number.POSITIVE_INFINITY;
  const vitaeSources: SourceCounts = { requests: 0, ledgerReads: 0 };
  const verifiers: SourceCounts[] = [];
  const vitaeCold = () => {
    const { verify, counts } = input.newVerifier();
    verifiers.push(counts);
    let first = true;
    return async (jwt: string) => {
      const elapsed = first ? clock() : undefined;
      first = false;
      const result = await verify(jwt);
      if (elapsed) vitaeFirstMs = Math.min(vitaeFirstMs, elapsed());
      if (!result.verified) {
        const why = result.checks
          .filter((c) => c.ok !== true)
          .map((c) => `${c.id}: ${c.code} ${c.message}`)
          .join("; ");
        throw new Error(`Vitae did not verify a benchmark credential (${why}).`);
      }
    };
  };

  // The warm verifier: its first credential reads the DID document, the lists and the anchors.
  const warmVerifier = vitaeCold();
  const warmCounts = verifiers.at(-1)!;
  const warmSince = clock();
  let warmVerifications = 0;
  const warmVerify = (jwt: string) => {
    warmVerifications++;
    return warmVerifier(jwt);
  };
  await warmVerify(jwts[0]!);

  type Contender = { sequential: Run; batched: Run };
  const runs: Record<"raw" | "vitae" | "vitaeCold" | "didJwtVc", Contender> = {
    raw: {
      sequential: (items) => sequentially(items, raw),
      batched: (items) => inBatches(items, batch, raw),
    },
    vitae: {
      sequential: (items) => sequentially(items, warmVerify),
      batched: (items) => inBatches(items, batch, warmVerify),
    },
    vitaeCold: {
      sequential: (items) => sequentially(items, vitaeCold()),
      batched: (items) => inBatches(items, batch, vitaeCold()),
    },
    didJwtVc: {
      sequential: (items) => sequentially(items, didJwtVc),
      batched: (items) => inBatches(items, batch, didJwtVc),
    },
  };

  // Warm-up: every code path compiled before anything is timed.
  const warm = jwts.slice(0, Math.min(jwts.length, 2 * batch));
  for (const contender of Object.values(runs)) {
    await contender.sequential(warm);
    await contender.batched(warm);
  }
  // Counted from here: the cold verifiers of the timed runs.
  verifiers.length = 0;

  const best = {
    raw: { sequentialMs: Infinity, batchedMs: Infinity },
    vitae: { sequentialMs: Infinity, batchedMs: Infinity },
    vitaeCold: { sequentialMs: Infinity, batchedMs: Infinity },
    didJwtVc: { sequentialMs: Infinity, batchedMs: Infinity },
  };
  for (let round = 0; round < rounds; round++) {
    for (const [name, contender] of Object.entries(runs) as [keyof typeof runs, Contender][]) {
      let elapsed = clock();
      await contender.sequential(jwts);
      best[name].sequentialMs = Math.min(best[name].sequentialMs, elapsed());
      elapsed = clock();
      await contender.batched(jwts);
      best[name].batchedMs = Math.min(best[name].batchedMs, elapsed());
    }
  }
  for (const counts of verifiers) {
    vitaeSources.requests = Math.max(vitaeSources.requests, counts.requests);
    vitaeSources.ledgerReads = Math.max(vitaeSources.ledgerReads, counts.ledgerReads);
  }
  return {
    count: jwts.length,
    batch,
    rounds,
    ...best,
    vitaeFirstMs,
    vitaeSources,
    warmSources: { ...warmCounts, verifications: warmVerifications, seconds: warmSince() / 1000 },
    userAgent: typeof navigator === "undefined" ? "unknown" : navigator.userAgent,
  };
}
