// Bundled by scripts/bench/browser/run-roster-in-chromium.ts and run in Debian's Chromium: the
// roster page's work without React. The roster itself runs in the real roster Web Worker
// (components/verification/roster/roster-worker.ts, bundled as is); the raw baseline verifies
// the same signatures with WebCrypto in this page.
import type {
  RosterFromWorker,
  RosterToWorker,
} from "@/components/verification/roster/roster-protocol";
import { verifyCredential as verifyJwtVc } from "did-jwt-vc";
import type { DIDDocument } from "did-resolver";
import type { PublicLedgerConfig } from "@/lib/env";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import { memoryResolver } from "../verify-throughput";

export type RosterPageInput = {
  workerUrl: string;
  csvUrl: string;
  ledger: PublicLedgerConfig;
  trust: TrustSnapshot;
  /** Each issuer's public key (Ed25519 JWK), by DID. */
  keys: Record<string, JsonWebKey>;
  rounds: number;
  concurrency: number;
  /** The issuers' DID documents, for did-jwt-vc's in-memory resolver. */
  documents: DIDDocument[];
  /** How many of the roster's credentials did-jwt-vc verifies each round (it is slow). */
  didJwtVcCount: number;
};

export type RosterRun = {
  /** From postMessage (file handed to a ready worker) to the worker's `done`. */
  ms: number;
  /** Starting the worker until its code is loaded: paid before the file is chosen. */
  readyMs: number;
  /** From postMessage to the worker's `parsed`: worker start, file read and parse. */
  toParsedMs: number;
  /** The worker's own reading: file read and parse. */
  parseMs: number;
  rows: number;
  valid: number;
  invalid: number;
  unknown: number;
  codes: Record<string, number>;
  reads: { requests: number; ledgerReads: number };
  progressMessages: number;
  /** The longest the page's main thread was blocked while the run went on (ms). */
  longestMainThreadGapMs: number;
};

export type RosterPageFigures = {
  runs: RosterRun[];
  rawMs: number[];
  rawCount: number;
  /** did-jwt-vc `verifyCredential`, one after another on the page's thread, per round. */
  didJwtVcMs: number[];
  didJwtVcCount: number;
  userAgent: string;
};

function b64url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** As the roster page does: a worker started ahead of the file, timed until it is ready. */
function startWorker(url: string): Promise<{ worker: Worker; readyMs: number }> {
  const started = performance.now();
  const worker = new Worker(url, { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<RosterFromWorker>) => {
      if (event.data.type === "ready") resolve({ worker, readyMs: performance.now() - started });
    };
    worker.onerror = (e) => reject(new Error(`The roster worker failed to start: ${e.message}`));
  });
}

async function runWorker(input: RosterPageInput, csv: Blob): Promise<RosterRun> {
  const { worker, readyMs } = await startWorker(input.workerUrl);
  return new Promise((resolve, reject) => {
    const counts = { valid: 0, invalid: 0, unknown: 0 };
    const codes: Record<string, number> = {};
    let rows = 0;
    let progressMessages = 0;
    // A main-thread heartbeat: if the page were blocked, the gaps between ticks would show it.
    let last = performance.now();
    let longest = 0;
    const beat = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    let toParsedMs = 0;
    worker.onmessage = (event: MessageEvent<RosterFromWorker>) => {
      const msg = event.data;
      if (msg.type === "parsed") toParsedMs = performance.now() - started;
      else if (msg.type === "progress") {
        progressMessages++;
        for (const r of msg.rows) {
          rows++;
          counts[r.verdict]++;
          codes[r.code] = (codes[r.code] ?? 0) + 1;
        }
      } else if (msg.type === "done") {
        const ms = performance.now() - started;
        clearInterval(beat);
        worker.terminate();
        resolve({
          ms,
          readyMs,
          toParsedMs,
          parseMs: msg.parseMs,
          rows,
          ...counts,
          codes,
          reads: msg.reads,
          progressMessages,
          longestMainThreadGapMs: longest,
        });
      } else if (msg.type === "rejected" || msg.type === "failed") {
        clearInterval(beat);
        worker.terminate();
        reject(new Error(`The roster worker stopped: ${msg.message}`));
      }
    };
    worker.onerror = (e) => reject(new Error(`The roster worker failed: ${e.message}`));
    const start: RosterToWorker = {
      type: "start",
      file: csv,
      fileName: "bench-roster.csv",
      ledger: input.ledger,
      trust: input.trust,
      concurrency: input.concurrency,
    };
    worker.postMessage(start);
  });
}

/** WebCrypto Ed25519 over the same JWTs: keys imported and JWTs split before the clock starts. */
async function rawRun(
  text: string,
  input: RosterPageInput,
): Promise<{ ms: number; count: number }> {
  const keys = new Map<string, CryptoKey>();
  for (const [did, jwk] of Object.entries(input.keys)) {
    keys.set(
      did,
      await crypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, ["verify"]),
    );
  }
  const items = text
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const jwt = line.slice(line.indexOf(",") + 1);
      const [h, p, s] = jwt.split(".") as [string, string, string];
      const iss = (JSON.parse(new TextDecoder().decode(b64url(p))) as { iss: string }).iss;
      return {
        key: keys.get(iss)!,
        data: new TextEncoder().encode(`${h}.${p}`),
        signature: b64url(s),
      };
    });
  const started = performance.now();
  let ok = 0;
  for (let i = 0; i < items.length; i += input.concurrency) {
    const results = await Promise.all(
      items
        .slice(i, i + input.concurrency)
        .map((it) => crypto.subtle.verify({ name: "Ed25519" }, it.key, it.signature, it.data)),
    );
    ok += results.filter(Boolean).length;
  }
  const ms = performance.now() - started;
  // Tampered rows fail here too; the caller compares the count with the roster's.
  return { ms, count: ok };
}

/**
 * A baseline for scale: did-jwt-vc verifying the roster's first credentials one after another on
 * this page's thread (signature and dates only), DID documents from memory.
 */
async function didJwtVcRun(
  text: string,
  input: RosterPageInput,
): Promise<{ ms: number; count: number }> {
  const resolver = memoryResolver(input.documents);
  const jwts = text
    .split("\n")
    .slice(1, 1 + input.didJwtVcCount)
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf(",") + 1));
  const started = performance.now();
  for (const jwt of jwts) {
    const result = await verifyJwtVc(jwt, resolver);
    if (!result.verified) throw new Error("did-jwt-vc did not verify a bench credential.");
  }
  return { ms: performance.now() - started, count: jwts.length };
}

export async function runRosterBench(input: RosterPageInput): Promise<RosterPageFigures> {
  const text = await (await fetch(input.csvUrl)).text();
  const csv = new Blob([text], { type: "text/csv" });
  // Warm-up: compile the worker's code paths once, untimed.
  await runWorker(input, csv);
  await rawRun(text, input);
  await didJwtVcRun(text, { ...input, didJwtVcCount: 100 });
  const runs: RosterRun[] = [];
  const rawMs: number[] = [];
  let rawCount = 0;
  const didJwtVcMs: number[] = [];
  let didJwtVcCount = 0;
  for (let round = 0; round < input.rounds; round++) {
    runs.push(await runWorker(input, csv));
    const raw = await rawRun(text, input);
    rawMs.push(raw.ms);
    rawCount = raw.count;
    const baseline = await didJwtVcRun(text, input);
    didJwtVcMs.push(baseline.ms);
    didJwtVcCount = baseline.count;
  }
  return { runs, rawMs, rawCount, didJwtVcMs, didJwtVcCount, userAgent: navigator.userAgent };
}
