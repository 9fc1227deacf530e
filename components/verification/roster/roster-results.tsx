"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { filterRosterRows, noRosterFilter, type RosterFilter } from "./filter-roster-rows";
import { rosterExportCsv, verdictLabels } from "./roster-export-csv";
import type { RosterRow, RosterStatus, RosterVerdict } from "./roster-protocol";

const PAGE_SIZE = 50;
const verdicts: RosterVerdict[] = ["valid", "invalid", "unknown"];
const verdictTone: Record<RosterVerdict, BadgeTone> = {
  valid: "success",
  invalid: "danger",
  unknown: "warning",
};
const statusLabels: Record<RosterStatus, string> = {
  active: "Active",
  revoked: "Revoked",
  suspended: "Suspended",
  none: "No status list",
  unknown: "Unknown",
};
const fmt = (n: number) => n.toLocaleString("en-GB");

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The result table: counts per verdict (each a filter), filters by issuer and type, text search,
 * pages of 50 rows (so 10,000 rows cost the same to show as 50), and Export CSV of the rows the
 * filter shows.
 */
export function RosterResults({ rows, fileName }: { rows: RosterRow[]; fileName: string }) {
  const [filter, setFilter] = useState<RosterFilter>(noRosterFilter);
  const [page, setPage] = useState(0);
  const query = useDeferredValue(filter.query);
  const deferredRows = useDeferredValue(rows);

  const counts = useMemo(() => {
    const c = { valid: 0, invalid: 0, unknown: 0 };
    for (const r of deferredRows) c[r.verdict]++;
    return c;
  }, [deferredRows]);
  const issuers = useMemo(() => {
    const names = new Map<string, string>();
    for (const r of deferredRows)
      if (r.issuerDid) names.set(r.issuerDid, r.issuerName || r.issuerDid);
    return [...names].sort((a, b) => a[1].localeCompare(b[1]));
  }, [deferredRows]);
  const types = useMemo(
    () => [...new Set(deferredRows.map((r) => r.type).filter(Boolean))].sort(),
    [deferredRows],
  );
  const shown = useMemo(
    () => filterRosterRows(deferredRows, { ...filter, query }).sort((a, b) => a.row - b.row),
    [deferredRows, filter, query],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const update = (next: Partial<RosterFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(0);
  };
  const filtered =
    filter.verdict !== "all" || filter.issuer !== "all" || filter.type !== "all" || query !== "";

  return (
    <section aria-labelledby="roster-results-heading" className="space-y-4">
      <h2 id="roster-results-heading" className="sr-only">
        Results
      </h2>
      <div
        className="grid grid-cols-2 gap-3 sm:grid-cols-4"
        data-testid={testIds.roster.summary}
        role="group"
        aria-label="Results by verdict (choose one to filter)"
      >
        {(["all", ...verdicts] as const).map((v) => {
          const n = v === "all" ? deferredRows.length : counts[v];
          const active = filter.verdict === v;
          return (
            <button
              key={v}
              type="button"
              aria-pressed={active}
              onClick={() => update({ verdict: v })}
              data-testid={testIds.roster.count}
              data-verdict={v}
              data-count={n}
              className={`focus-visible:outline-brand-600 rounded-lg border px-4 py-3 text-left transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 ${
                active
                  ? "border-brand-600 bg-brand-50"
                  : "border-slate-200 bg-white hover:bg-slate-50"
              }`}
            >
              <span className="block text-2xl font-semibold text-slate-900 tabular-nums">
                {fmt(n)}
              </span>
              <span className="flex items-center gap-2 text-sm text-slate-700">
                {v === "all" ? (
                  "All rows"
                ) : (
                  <>
                    <span
                      aria-hidden
                      className={`size-2.5 rounded-full ${v === "valid" ? "bg-emerald-600" : v === "invalid" ? "bg-red-600" : "bg-amber-500"}`}
                    />
                    {verdictLabels[v]}
                  </>
                )}
              </span>
            </button>
          );
        })}
      </div>

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1.4fr]">
        <SelectField
          label="Verdict"
          value={filter.verdict}
          onChange={(e) => update({ verdict: e.currentTarget.value as RosterFilter["verdict"] })}
          data-testid={testIds.roster.verdictFilter}
        >
          <option value="all">All verdicts</option>
          {verdicts.map((v) => (
            <option key={v} value={v}>
              {verdictLabels[v]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Issuer"
          value={filter.issuer}
          onChange={(e) => update({ issuer: e.currentTarget.value })}
          data-testid={testIds.roster.issuerFilter}
        >
          <option value="all">All issuers</option>
          {issuers.map(([did, name]) => (
            <option key={did} value={did}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Credential type"
          value={filter.type}
          onChange={(e) => update({ type: e.currentTarget.value })}
          data-testid={testIds.roster.typeFilter}
        >
          <option value="all">All types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Search"
          type="search"
          placeholder="Name, reference, code…"
          value={filter.query}
          onChange={(e) => update({ query: e.currentTarget.value })}
          data-testid={testIds.roster.search}
        />
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite" data-testid={testIds.roster.shown}>
          {filtered
            ? `${fmt(shown.length)} of ${fmt(deferredRows.length)} rows match`
            : `${fmt(shown.length)} rows`}
        </p>
        <div className="flex flex-wrap gap-2">
          {filtered ? (
            <Button variant="ghost" onClick={() => update(noRosterFilter)}>
              Clear filters
            </Button>
          ) : null}
          <Button
            variant="secondary"
            disabled={shown.length === 0}
            onClick={() =>
              download(
                `${fileName.replace(/\.[^.]+$/, "") || "roster"}-verification.csv`,
                rosterExportCsv(shown),
              )
            }
            data-testid={testIds.roster.export}
          >
            Export CSV ({fmt(shown.length)})
          </Button>
        </div>
      </div>

      {shown.length === 0 ? (
        <EmptyState title="No rows match">Change or clear the filters to see more rows.</EmptyState>
      ) : (
        <>
          {/* Phones: one card per row; the table below from the sm breakpoint up. */}
          <ul
            className="space-y-3 sm:hidden"
            aria-label={`Results, page ${current + 1} of ${pages}`}
          >
            {visible.map((r) => (
              <li
                key={r.row}
                className="rounded-lg border border-slate-200 bg-white p-4"
                data-testid={testIds.roster.card}
              >
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-medium break-words text-slate-900">{r.subjectName || "—"}</p>
                    <p className="text-sm text-slate-600">
                      Row {r.row}
                      {r.reference ? ` · ${r.reference}` : ""}
                    </p>
                  </div>
                  <Badge tone={verdictTone[r.verdict]}>{verdictLabels[r.verdict]}</Badge>
                </div>
                <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-500">Credential</dt>
                  <dd className="text-slate-800">{r.type || "—"}</dd>
                  <dt className="text-slate-500">Issuer</dt>
                  <dd className="break-words text-slate-800">
                    {r.issuerName || r.issuerDid || "—"}
                  </dd>
                  <dt className="text-slate-500">Status</dt>
                  <dd className="text-slate-800">{statusLabels[r.status]}</dd>
                </dl>
                {r.verdict !== "valid" ? (
                  <p className="mt-2 text-sm text-slate-700">
                    {r.message} <code className="text-xs text-slate-500">{r.code}</code>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block">
            <table
              className="w-full min-w-[56rem] text-left text-sm"
              data-testid={testIds.roster.table}
            >
              <caption className="sr-only">
                Verification result per roster row, page {current + 1} of {pages}
              </caption>
              <thead className="bg-slate-50 text-xs tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Row
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Verdict
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Doctor
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Credential
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Issuer
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    Reason
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {visible.map((r) => (
                  <tr
                    key={r.row}
                    data-testid={testIds.roster.row}
                    data-verdict={r.verdict}
                    className="align-top"
                  >
                    <td className="px-3 py-2 text-slate-600 tabular-nums">
                      {r.row}
                      {r.reference ? (
                        <span
                          className="block max-w-[8rem] truncate text-xs text-slate-500"
                          title={r.reference}
                        >
                          {r.reference}
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={verdictTone[r.verdict]}>{verdictLabels[r.verdict]}</Badge>
                    </td>
                    <td className="px-3 py-2 font-medium text-slate-900">{r.subjectName || "—"}</td>
                    <td className="px-3 py-2 text-slate-700">
                      {r.type || "—"}
                      {r.kind === "presentation" ? (
                        <span className="block text-xs text-slate-500">in a presentation</span>
                      ) : null}
                    </td>
                    <td className="max-w-[14rem] px-3 py-2 text-slate-700">
                      <span className="block break-words" title={r.issuerDid}>
                        {r.issuerName || r.issuerDid || "—"}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-slate-700">{statusLabels[r.status]}</td>
                    <td className="max-w-[22rem] px-3 py-2 text-slate-700">
                      {/* The export keeps the full sentence; the table needs no more for a pass. */}
                      {r.verdict === "valid" ? "All checks passed." : r.message}
                      <code className="mt-0.5 block text-xs text-slate-500">{r.code}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {pages > 1 ? (
        <nav aria-label="Result pages" className="flex items-center justify-between gap-3 text-sm">
          <Button variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </Button>
          <span className="text-slate-700">
            Page {fmt(current + 1)} of {fmt(pages)}
          </span>
          <Button
            variant="secondary"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
            data-testid={testIds.roster.nextPage}
          >
            Next
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
