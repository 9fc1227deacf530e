"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { credentialTypes, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import {
  IssuerApiError,
  issuerApi,
  type BulkJob,
  type BulkPreview,
  type BulkUploadInput,
  type IssuerSession,
} from "./issuer-api";

/** Row errors shown in the preview table; the counts always cover the whole file. */
const SHOWN_ERRORS = 50;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * Bulk issuance from a CSV file: choose the type and the file, check the column mapping and
 * every row (errors by row, column and field), then issue in the server. The job runs there, so
 * closing the tab does not stop it; this panel polls its progress and offers the result CSV with
 * a claim link per row. Recent jobs are listed, so a job started earlier can be followed again.
 */
export function BulkIssuePanel({
  session,
  types,
}: {
  session: IssuerSession;
  types: CredentialTypeName[];
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const [type, setType] = useState<CredentialTypeName>(types[0] ?? "MedicalLicenseCredential");
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined);
  const [rowKeyColumn, setRowKeyColumn] = useState<string | undefined>(undefined);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);

  const preview = useMutation({
    mutationFn: (input: BulkUploadInput) => issuerApi.bulkPreview(session, input),
    onSuccess: (result) => {
      setMapping(result.mapping);
      setRowKeyColumn(result.rowKeyColumn ?? undefined);
    },
  });

  const start = useMutation({
    mutationFn: (input: BulkUploadInput) => issuerApi.bulkStart(session, input),
    onSuccess: (job) => {
      setJobId(job.id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.issuerBulkJobs(session.slug) });
    },
  });

  const jobs = useQuery({
    queryKey: queryKeys.issuerBulkJobs(session.slug),
    queryFn: ({ signal }) => issuerApi.bulkJobs(session, signal),
    // While one runs, the list follows it too.
    refetchInterval: (q) => (q.state.data?.some((j) => j.state === "running") ? 2000 : false),
  });

  const job = useQuery({
    queryKey: queryKeys.issuerBulkJob(session.slug, jobId ?? ""),
    queryFn: ({ signal }) => issuerApi.bulkJob(session, jobId!, signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.state === "done" ? false : 700),
  });

  function check(next: Partial<BulkUploadInput> & { file?: File | null }) {
    const chosen = next.file === undefined ? file : next.file;
    if (!chosen) return;
    start.reset();
    preview.mutate({
      file: chosen,
      type: next.type ?? type,
      mapping: "mapping" in next ? next.mapping : mapping,
      rowKeyColumn: "rowKeyColumn" in next ? next.rowKeyColumn : rowKeyColumn,
    });
  }

  function reset() {
    setFile(null);
    setMapping(undefined);
    setRowKeyColumn(undefined);
    setSkipInvalid(false);
    setJobId(null);
    preview.reset();
    start.reset();
    setFileInputKey((k) => k + 1);
  }

  const result = preview.data;
  const fileError =
    preview.error instanceof IssuerApiError
      ? (preview.error.fields?.file?.[0] ?? preview.error.message)
      : preview.error?.message;
  const ready =
    result !== undefined &&
    Object.keys(result.mappingErrors).length === 0 &&
    result.validCount > 0 &&
    (result.invalidCount === 0 || skipInvalid);

  return (
    <section className="mt-10" aria-labelledby={headingId} data-testid={testIds.issuer.bulkPanel}>
      <Card>
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          Issue from a spreadsheet
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          One credential per row, up to 20,000 rows (CSV in UTF-8, or the first sheet of an Excel
          .xlsx workbook). Each row needs a key that identifies it — a{" "}
          <code className="font-mono">row_key</code> column or the licence number — so uploading the
          same file again never issues twice.
        </p>

        {jobId ? (
          <JobProgress session={session} job={job.data} error={job.error} onDone={reset} />
        ) : (
          <div className="mt-4 grid gap-4">
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              {types.length > 1 ? (
                <SelectField
                  label="Credential type"
                  value={type}
                  onChange={(e) => {
                    const next = e.target.value as CredentialTypeName;
                    setType(next);
                    setMapping(undefined);
                    setRowKeyColumn(undefined);
                    check({ type: next, mapping: undefined, rowKeyColumn: undefined });
                  }}
                  data-testid={testIds.issuer.bulkType}
                >
                  {types.map((t) => (
                    <option key={t} value={t}>
                      {credentialTypes[t].title}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              <div>
                <label
                  htmlFor={`${headingId}-file`}
                  className="block text-sm font-medium text-slate-800"
                >
                  CSV or Excel file
                </label>
                <input
                  key={fileInputKey}
                  id={`${headingId}-file`}
                  type="file"
                  accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-describedby={fileError ? `${headingId}-file-error` : undefined}
                  aria-invalid={fileError ? true : undefined}
                  className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
                  onChange={(e) => {
                    const chosen = e.target.files?.[0] ?? null;
                    setFile(chosen);
                    setMapping(undefined);
                    setRowKeyColumn(undefined);
                    setSkipInvalid(false);
                    if (chosen)
                      check({ file: chosen, mapping: undefined, rowKeyColumn: undefined });
                  }}
                  data-testid={testIds.issuer.bulkFile}
                />
                {fileError ? (
                  <p
                    id={`${headingId}-file-error`}
                    role="alert"
                    className="mt-1 text-xs font-medium text-red-700"
                    data-testid={testIds.issuer.bulkFileError}
                  >
                    {fileError}
                  </p>
                ) : null}
              </div>
            </div>

            {preview.isPending ? (
              <p role="status" className="text-sm text-slate-600">
                Checking every row…
              </p>
            ) : null}

            {result && !preview.isPending ? (
              <PreviewView
                result={result}
                mapping={mapping ?? {}}
                rowKeyColumn={rowKeyColumn}
                onMap={(path, column) => {
                  const next = { ...(mapping ?? {}) };
                  if (column) next[path] = column;
                  else delete next[path];
                  setMapping(next);
                  check({ mapping: next });
                }}
                onRowKey={(column) => {
                  setRowKeyColumn(column);
                  check({ rowKeyColumn: column });
                }}
              />
            ) : null}

            {result && result.invalidCount > 0 && !preview.isPending ? (
              <label className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={skipInvalid}
                  onChange={(e) => setSkipInvalid(e.target.checked)}
                  data-testid={testIds.issuer.bulkSkipInvalid}
                />
                <span>
                  Skip the {result.invalidCount.toLocaleString()} rows with errors and issue the
                  other {result.validCount.toLocaleString()}. Or fix the file and choose it again.
                </span>
              </label>
            ) : null}

            {start.error ? (
              <Alert tone="error" title="The file was not issued">
                {start.error.message}
              </Alert>
            ) : null}

            {result && !preview.isPending ? (
              <div className="flex flex-wrap gap-2">
                <Button
                  disabled={!ready || !file}
                  busy={start.isPending}
                  onClick={() =>
                    file && start.mutate({ file, type, mapping, rowKeyColumn, skipInvalid })
                  }
                  data-testid={testIds.issuer.bulkStart}
                >
                  Issue {result.validCount.toLocaleString()} credentials
                </Button>
                <Button variant="secondary" onClick={reset} disabled={start.isPending}>
                  Start over
                </Button>
              </div>
            ) : null}
          </div>
        )}

        {jobs.data && jobs.data.length > 0 ? (
          <RecentJobs session={session} jobs={jobs.data} onFollow={setJobId} current={jobId} />
        ) : null}
      </Card>
    </section>
  );
}

function PreviewView({
  result,
  mapping,
  rowKeyColumn,
  onMap,
  onRowKey,
}: {
  result: BulkPreview;
  mapping: Record<string, string>;
  rowKeyColumn: string | undefined;
  onMap: (path: string, column: string) => void;
  onRowKey: (column: string) => void;
}) {
  const errorsId = useId();
  const rowKeyError = result.mappingErrors.rowKeyColumn?.[0];
  return (
    <div className="grid gap-4">
      <fieldset data-testid={testIds.issuer.bulkMapping} className="min-w-0">
        <legend className="text-sm font-semibold text-slate-900">Columns</legend>
        <p className="mt-1 text-xs text-slate-600">
          Matched by the header line; change any that are wrong.
        </p>
        <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField
            label="Row key (identifies each row)"
            value={rowKeyColumn ?? ""}
            error={rowKeyError}
            onChange={(e) => onRowKey(e.target.value)}
            data-testid={testIds.issuer.bulkRowKey}
          >
            <option value="">— choose a column —</option>
            {result.headers.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </SelectField>
          {result.fields.map((field) => (
            <SelectField
              key={field.path}
              label={`${field.label}${field.required ? " (required)" : ""}`}
              hint={field.hint}
              value={mapping[field.path] ?? ""}
              error={result.mappingErrors[`mapping.${field.path}`]?.[0]}
              onChange={(e) => onMap(field.path, e.target.value)}
              data-field-path={field.path}
            >
              <option value="">— not in the file —</option>
              {result.headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
      </fieldset>

      <div
        role="status"
        data-testid={testIds.issuer.bulkSummary}
        data-valid={result.validCount}
        data-invalid={result.invalidCount}
        className="flex flex-wrap items-center gap-2 text-sm text-slate-800"
      >
        <span>{result.rowCount.toLocaleString()} rows:</span>
        <Badge tone="success">{result.validCount.toLocaleString()} ready</Badge>
        {result.invalidCount > 0 ? (
          <Badge tone="danger">{result.invalidCount.toLocaleString()} with errors</Badge>
        ) : null}
        {Object.keys(result.mappingErrors).length > 0 ? (
          <span className="text-red-700">Choose the missing columns to check the rows.</span>
        ) : null}
      </div>

      {result.errors.length > 0 ? (
        <div
          role="region"
          aria-labelledby={errorsId}
          tabIndex={0}
          className="max-h-80 overflow-auto rounded-lg border border-red-200"
          data-testid={testIds.issuer.bulkErrors}
        >
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption
              id={errorsId}
              className="bg-red-50 px-3 py-2 text-left text-sm font-semibold text-red-900"
            >
              Rows with errors
              {result.errors.length > SHOWN_ERRORS
                ? ` (the first ${SHOWN_ERRORS} of ${result.errors.length.toLocaleString()} problems)`
                : ""}
            </caption>
            <thead className="sticky top-0 bg-slate-50 text-xs font-semibold text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Row
                </th>
                <th scope="col" className="px-3 py-2">
                  Column
                </th>
                <th scope="col" className="px-3 py-2">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody>
              {result.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <tr key={`${e.row}-${e.field}-${i}`} className="border-t border-slate-200">
                  <td className="px-3 py-2 tabular-nums">{e.row}</td>
                  <td className="px-3 py-2">{e.column ?? e.field}</td>
                  <td className="px-3 py-2">
                    {e.message}
                    {e.column && e.column !== e.field ? (
                      <span className="text-xs text-slate-600"> ({e.field})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function JobProgress({
  session,
  job,
  error,
  onDone,
}: {
  session: IssuerSession;
  job: BulkJob | undefined;
  error: Error | null;
  onDone: () => void;
}) {
  if (!job) {
    return error ? (
      <Alert tone="error" title="Could not read the job's progress">
        {error.message}
      </Alert>
    ) : (
      <p role="status" className="mt-4 text-sm text-slate-600">
        Starting…
      </p>
    );
  }
  const done = job.issued + job.existing + job.failed;
  const percent = job.total === 0 ? 100 : Math.round((done / job.total) * 100);
  return (
    <div className="mt-4 grid gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p className="font-medium text-slate-900">{job.fileName}</p>
        <p aria-live="polite" className="text-slate-700">
          {job.state === "done"
            ? "Finished"
            : `${done.toLocaleString()} of ${job.total.toLocaleString()} issued — continues if you close this tab`}
        </p>
      </div>
      <div
        role="progressbar"
        aria-label="Bulk issuance progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={done}
        aria-valuetext={`${percent}%`}
        data-testid={testIds.issuer.bulkProgress}
        data-state={job.state}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="bg-brand-600 h-full rounded-full transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      {job.state === "done" ? (
        <Alert tone="success" title="All rows are done">
          {job.issued.toLocaleString()} issued
          {job.existing > 0
            ? `, ${job.existing.toLocaleString()} already issued before (not issued again)`
            : ""}
          {job.skipped > 0 ? `, ${job.skipped.toLocaleString()} rows with errors skipped` : ""}. The
          result lists one claim link per row: send each doctor their own link.
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {job.state === "done" ? <DownloadButton session={session} job={job} /> : null}
        <Button variant="secondary" onClick={onDone}>
          {job.state === "done" ? "Issue another file" : "Upload another file meanwhile"}
        </Button>
      </div>
    </div>
  );
}

function DownloadButton({
  session,
  job,
  secondary = false,
}: {
  session: IssuerSession;
  job: BulkJob;
  secondary?: boolean;
}) {
  const download = useMutation({
    mutationFn: () => issuerApi.bulkResult(session, job.id),
    onSuccess: ({ blob, fileName }) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  return (
    <>
      <Button
        variant={secondary ? "secondary" : "primary"}
        busy={download.isPending}
        onClick={() => download.mutate()}
        data-testid={secondary ? undefined : testIds.issuer.bulkDownload}
      >
        Download claim links (CSV)
        {secondary ? <span className="sr-only"> of {job.fileName}</span> : null}
      </Button>
      {download.error ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {download.error.message}
        </p>
      ) : null}
    </>
  );
}

function RecentJobs({
  session,
  jobs,
  current,
  onFollow,
}: {
  session: IssuerSession;
  jobs: BulkJob[];
  current: string | null;
  onFollow: (id: string) => void;
}) {
  return (
    <div className="mt-6 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">Recent files</h3>
      <ul className="mt-2 grid gap-2">
        {jobs.slice(0, 5).map((j) => {
          const done = j.issued + j.existing + j.failed;
          return (
            <li key={j.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="min-w-0">
                <span className="font-medium text-slate-900">{j.fileName}</span>{" "}
                <span className="text-slate-600">
                  · {credentialTypes[j.type as CredentialTypeName]?.title ?? j.type} ·{" "}
                  <time dateTime={j.createdAt}>{timeFormat.format(new Date(j.createdAt))}</time> ·{" "}
                  {j.state === "done"
                    ? `${j.issued.toLocaleString()} issued${j.existing ? `, ${j.existing.toLocaleString()} existing` : ""}`
                    : `${done.toLocaleString()} of ${j.total.toLocaleString()}`}
                </span>
              </span>
              {j.state === "done" ? (
                <DownloadButton session={session} job={j} secondary />
              ) : j.id !== current ? (
                <Button variant="secondary" onClick={() => onFollow(j.id)}>
                  Follow progress
                </Button>
              ) : (
                <Badge tone="info">In progress</Badge>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
