// Bundled by scripts/bench/browser/run-roster-in-chromium.ts when BENCH_CPU_PROFILE is set: the
// roster worker's verification (parse, then verifyRoster with the same deps the worker builds),
// run on the page's main thread so the CDP Profiler of the page records it. Not timed for the
// bench: only for finding where the time per row goes.
import { parseRoster } from "@/components/verification/roster/parse-roster";
import { verifyRoster } from "@/components/verification/roster/verify-roster";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { createLedgerReader } from "@/lib/ledger/reader";
import type { RosterPageInput } from "./roster-page.entry";

export async function profileRoster(input: RosterPageInput): Promise<number> {
  const bytes = new Uint8Array(await (await fetch(input.csvUrl)).arrayBuffer());
  const run = async () => {
    const roster = parseRoster(bytes, "bench-roster.csv");
    if (!roster.ok) throw new Error(roster.message);
    const fetcher: typeof fetch = (url, init) => fetch(url, { cache: "no-store", ...init });
    const deps = {
      resolveDid: createDidResolver({ fetch: fetcher }),
      fetch: fetcher,
      ledger: createLedgerReader(input.ledger),
      trust: input.trust,
      now: () => new Date(),
      context: createVerificationContext(),
    };
    let rows = 0;
    await verifyRoster(roster.entries, deps, {
      concurrency: input.concurrency,
      onRows: (r) => (rows += r.length),
    });
    return rows;
  };
  return run();
}
