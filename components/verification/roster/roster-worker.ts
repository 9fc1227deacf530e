/// <reference lib="webworker" />
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { createLedgerReader, type LedgerReader } from "@/lib/ledger/reader";
import { parseRoster } from "./parse-roster";
import type { RosterFromWorker } from "./roster-protocol";
import { rosterStartSchema } from "./schemas";
import { verifyRoster } from "./verify-roster";

/**
 * The roster's Web Worker: reads the uploaded file, then verifies every entry with the universal
 * core off the page's main thread. One DID resolver, one verification context and one ledger
 * reader serve the whole run; the trust registry snapshot is the one the page read, passed in.
 * The page cancels by terminating this worker.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: RosterFromWorker) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = rosterStartSchema.safeParse(event.data);
  if (!parsed.success) {
    post({
      type: "failed",
      message: "The roster worker received a message it does not understand.",
    });
    return;
  }
  void run(parsed.data).catch((error: unknown) =>
    post({
      type: "failed",
      message: error instanceof Error ? error.message : "The roster run failed.",
    }),
  );
};

async function run(start: ReturnType<typeof rosterStartSchema.parse>) {
  const started = performance.now();
  const roster = parseRoster(new Uint8Array(await start.file.arrayBuffer()), start.fileName);
  if (!roster.ok) {
    post({ type: "rejected", code: roster.code, message: roster.message });
    return;
  }
  const parseMs = performance.now() - started;
  const total = roster.entries.length;
  post({ type: "parsed", total, format: roster.format });

  const reads = { requests: 0, ledgerReads: 0 };
  const fetcher: typeof fetch = (input, init) => {
    reads.requests++;
    return fetch(input, { cache: "no-store", ...init });
  };
  const reader = createLedgerReader(start.ledger);
  const ledger: LedgerReader = {
    latest: (key) => {
      reads.ledgerReads++;
      return reader.latest(key);
    },
    history: (key, opts) => reader.history(key, opts),
  };
  const deps = {
    resolveDid: createDidResolver({ fetch: fetcher }),
    fetch: fetcher,
    ledger,
    trust: start.trust,
    now: () => new Date(),
    context: createVerificationContext(),
  };
  await verifyRoster(roster.entries, deps, {
    ...(start.concurrency ? { concurrency: start.concurrency } : {}),
    onRows: (rows, done) =>
      post({ type: "progress", done, total, elapsedMs: performance.now() - started, rows }),
  });
  post({
    type: "done",
    done: total,
    total,
    elapsedMs: performance.now() - started,
    parseMs,
    reads,
  });
}

post({ type: "ready" });
