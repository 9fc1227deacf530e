/**
 * `npm run bench [-- <filter>]`: runs every `scripts/bench/*.bench.ts` whose file name contains
 * the filter, one after another (they share two cores, so running them side by side would skew
 * both), prints each result and a summary.
 *
 * Exit code: 0 when every benchmark ran, whatever its ratios say; 1 when one threw (its numbers
 * are missing, so the run is incomplete) or the filter matched nothing.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  formatGoal,
  formatNumber,
  formatResult,
  formatTable,
  stopwatch,
  type Bench,
  type BenchResult,
} from "./support";

type Outcome =
  | { file: string; ok: true; result: BenchResult; ms: number }
  | { file: string; ok: false; error: unknown; ms: number };

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function benchFiles(filter: string | undefined): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => !filter || f.toLowerCase().includes(filter.toLowerCase()))
    .sort();
}

async function runOne(file: string): Promise<Outcome> {
  const elapsed = stopwatch();
  try {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as {
      default?: unknown;
    };
    if (typeof mod.default !== "function") {
      throw new Error(`${file} has no default export of type () => Promise<BenchResult>.`);
    }
    const result = await (mod.default as Bench)();
    return { file, ok: true, result, ms: elapsed() };
  } catch (error) {
    return { file, ok: false, error, ms: elapsed() };
  }
}

function summary(outcomes: Outcome[]): string {
  const rows: string[][] = [];
  for (const o of outcomes) {
    const time = `${formatNumber(o.ms / 1000)} s`;
    if (!o.ok) {
      rows.push([o.file, "FAILED", time, "", "", ""]);
      continue;
    }
    if (o.result.ratios.length === 0) rows.push([o.file, "ok", time, "", "", ""]);
    o.result.ratios.forEach((r, i) => {
      const head = i === 0 ? [o.file, "ok", time] : ["", "", ""];
      rows.push([...head, r.label, `${formatNumber(r.value)}×`, formatGoal(r)]);
    });
  }
  return formatTable(["bench", "status", "time", "ratio", "value", "goal"], rows, [
    "left",
    "left",
    "right",
    "left",
    "right",
    "left",
  ]);
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  const files = benchFiles(filter);
  if (files.length === 0) {
    console.error(
      `No benchmark matches "${filter}". Available: ${benchFiles(undefined).join(", ") || "none"}.`,
    );
    return 1;
  }

  const outcomes: Outcome[] = [];
  for (const file of files) {
    console.log(`\n▶ ${file}`);
    const outcome = await runOne(file);
    outcomes.push(outcome);
    if (outcome.ok) console.log(`\n${formatResult(outcome.result)}`);
    else console.error(`\n✖ ${file} threw:`, outcome.error);
  }

  console.log(`\n## Summary\n\n${summary(outcomes)}`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

process.exitCode = await main();
