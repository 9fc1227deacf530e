"use client";

import { Button } from "@/components/ui/button";
import { testIds } from "@/lib/test-ids";
import type { RosterRun } from "./use-roster-run";

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

/** Rows done of total, the rate, and Cancel while the worker runs. */
export function RosterProgress({ run, onCancel }: { run: RosterRun; onCancel: () => void }) {
  const running = run.phase === "reading" || run.phase === "verifying";
  const seconds = run.elapsedMs / 1000;
  const rate = seconds > 0 ? run.done / seconds : 0;
  const label =
    run.phase === "reading"
      ? `Reading ${run.fileName}…`
      : run.phase === "verifying"
        ? `Verifying ${fmt(run.done)} of ${fmt(run.total)} rows`
        : run.phase === "cancelled"
          ? `Cancelled after ${fmt(run.done)} of ${fmt(run.total)} rows`
          : `Verified ${fmt(run.done)} rows in ${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  return (
    <div className="space-y-2" data-testid={testIds.roster.runState} data-phase={run.phase}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        {/* Announced when the run ends, not at every progress message. */}
        <p className="text-sm font-medium text-slate-900" aria-live={running ? "off" : "polite"}>
          {label}
          {run.done > 0 && run.phase !== "reading" ? (
            <span className="ml-2 font-normal text-slate-600">· {fmt(rate)} rows/s</span>
          ) : null}
        </p>
        {running ? (
          <Button variant="secondary" onClick={onCancel} data-testid={testIds.roster.cancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label="Roster verification progress"
        aria-valuemin={0}
        aria-valuemax={Math.max(run.total, 1)}
        aria-valuenow={run.phase === "reading" ? undefined : run.done}
        aria-valuetext={
          run.phase === "reading"
            ? "Reading the file"
            : `${fmt(run.done)} of ${fmt(run.total)} rows`
        }
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
        data-testid={testIds.roster.progress}
        data-done={run.done}
        data-total={run.total}
      >
        <div
          className={`h-full rounded-full transition-[width] duration-150 ${
            run.phase === "cancelled" ? "bg-slate-500" : "bg-brand-600"
          } ${run.phase === "reading" ? "w-1/12 animate-pulse" : ""}`}
          style={
            run.phase === "reading"
              ? undefined
              : { width: `${run.total > 0 ? (100 * run.done) / run.total : 0}%` }
          }
        />
      </div>
      {run.reads && run.phase === "done" ? (
        <p className="text-xs text-slate-600">
          Sources read for the whole roster: {fmt(run.reads.requests)} web requests (DID documents
          and status lists) and {fmt(run.reads.ledgerReads)} ledger reads.
        </p>
      ) : null}
    </div>
  );
}
