/**
 * What every benchmark returns, and the few helpers they and the runner share: a stopwatch on
 * `performance.now()`, summary statistics and the tables the runner prints.
 *
 * A benchmark reports; it does not judge. A ratio may carry a goal (`"<= 2"`, `"≥ 0.5×"`); the
 * runner says whether it was met, but a missed goal never fails the run.
 */

export type Figure = { label: string; value: number; unit: string };
export type Ratio = { label: string; value: number; goal?: string };
export type BenchResult = {
  name: string;
  figures: Figure[];
  ratios: Ratio[];
  /** What the figures do and do not include, printed under the tables. */
  notes?: string[];
};
export type Bench = () => Promise<BenchResult>;

/** Starts a stopwatch; calling the result gives the milliseconds since. */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => performance.now() - start;
}

/** Runs `work` once and returns its result with the milliseconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const elapsed = stopwatch();
  const value = await work();
  return { value, ms: elapsed() };
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.POSITIVE_INFINITY;
}

/** The p-th percentile (0…100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** Three significant figures or so, with thousands separators: 12 345, 123, 12.3, 1.23, 0.123. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const GOAL = /^\s*(<=|>=|<|>|≤|≥)\s*(\d+(?:\.\d+)?)\s*[×x]?\s*$/;

/** Whether `value` meets a goal such as `"<= 2"` or `"≥ 0.5×"`; undefined if it cannot be read. */
export function goalMet(value: number, goal: string | undefined): boolean | undefined {
  const match = goal === undefined ? null : GOAL.exec(goal);
  if (!match) return undefined;
  const bound = Number(match[2]);
  switch (match[1]) {
    case "<":
      return value < bound;
    case ">":
      return value > bound;
    case "<=":
    case "≤":
      return value <= bound;
    default:
      return value >= bound;
  }
}

export function formatGoal(ratio: Ratio): string {
  if (ratio.goal === undefined) return "";
  const met = goalMet(ratio.value, ratio.goal);
  return met === undefined ? ratio.goal : `${ratio.goal} ${met ? "met" : "MISSED"}`;
}

type Align = "left" | "right";

/** A plain-text table; numbers are right-aligned by passing "right" for their column. */
export function formatTable(headers: string[], rows: string[][], align: Align[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        align[i] === "right" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatResult(result: BenchResult): string {
  const parts = [`## ${result.name}`, ""];
  parts.push(
    formatTable(
      ["figure", "value", "unit"],
      result.figures.map((f) => [f.label, formatNumber(f.value), f.unit]),
      ["left", "right", "left"],
    ),
  );
  if (result.ratios.length > 0) {
    parts.push(
      "",
      formatTable(
        ["ratio", "value", "goal"],
        result.ratios.map((r) => [r.label, `${formatNumber(r.value)}×`, formatGoal(r)]),
        ["left", "right", "left"],
      ),
    );
  }
  if (result.notes?.length) parts.push("", ...result.notes.map((n) => `- ${n}`));
  return parts.join("\n");
}
