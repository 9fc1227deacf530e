import "server-only";
import { appendAudit, systemActor, type Actor } from "./audit-log";
import { createHash, randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { credentialTypes, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { bulkJobs, bulkRows, credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Issuer } from "./authenticate-issuer";
import { decodeCsvBytes, parseCsv } from "./bulk-csv";
import { isXlsxUpload, parseXlsx } from "./bulk-xlsx";
import {
  autoMapping,
  bulkFields,
  defaultRowKeyColumn,
  missingColumns,
  validateBulkRows,
  type BulkField,
  type BulkMapping,
  type BulkRowError,
} from "./bulk-rows";
import { hashSecret } from "./hash-secret";
import { credentialOfferLink } from "./oid4vci/credential-offer";
import type { BulkUploadFields } from "./schemas";
import type { IssuanceServices } from "./services";

/**
 * Bulk issuance from CSV, as the console and the API see it: preview a file (mapping, row
 * errors), create a job from it (all rows written in one transaction, or nothing), follow its
 * progress, and download the result with a claim link per row. The issuing itself is the bulk
 * worker's (bulk-worker.ts).
 */

/** At most this many row errors are sent back; the counts are always complete. */
const MAX_REPORTED_ERRORS = 500;
const INSERT_BATCH = 5000;

export type BulkUpload = BulkUploadFields & { fileName: string; bytes: Uint8Array };

export type BulkPreview = {
  type: CredentialTypeName;
  headers: string[];
  fields: BulkField[];
  mapping: BulkMapping;
  rowKeyColumn: string | null;
  /** Field-level problems with the mapping (a required field without a column, …). */
  mappingErrors: Record<string, string[]>;
  rowCount: number;
  validCount: number;
  invalidCount: number;
  errors: BulkRowError[];
  /** The first valid rows as subjects, to show what will be issued. */
  sample: { rowNumber: number; rowKey: string; subject: Record<string, unknown> }[];
};

function analyse(issuer: Issuer, upload: BulkUpload) {
  if (!issuer.credentialTypes.includes(upload.type)) {
    throw new AppError("FORBIDDEN", `${issuer.name} is not set up to issue ${upload.type}.`, {
      type: [`${issuer.name} does not issue this type`],
    });
  }
  const table = isXlsxUpload(upload.fileName, upload.bytes)
    ? parseXlsx(upload.bytes)
    : parseCsv(decodeCsvBytes(upload.bytes));
  const fields = bulkFields(upload.type);
  const mapping = upload.mapping ?? autoMapping(table.headers, fields);
  const rowKeyColumn = upload.rowKeyColumn ?? defaultRowKeyColumn(table.headers, mapping);
  const mappingErrors = missingColumns(fields, mapping, table.headers);
  if (!rowKeyColumn) {
    mappingErrors.rowKeyColumn = [
      'choose the column that identifies each row (e.g. the licence number, or add a "row_key" column)',
    ];
  } else if (!table.headers.includes(rowKeyColumn)) {
    mappingErrors.rowKeyColumn = [`the file has no column "${rowKeyColumn}"`];
  }
  const ready = Object.keys(mappingErrors).length === 0 && rowKeyColumn !== undefined;
  const checked = ready
    ? validateBulkRows(table, upload.type, mapping, rowKeyColumn)
    : { valid: [], errors: [], invalidRows: 0 };
  return { table, fields, mapping, rowKeyColumn, mappingErrors, checked };
}

export function previewBulkUpload(issuer: Issuer, upload: BulkUpload): BulkPreview {
  const { table, fields, mapping, rowKeyColumn, mappingErrors, checked } = analyse(issuer, upload);
  return {
    type: upload.type,
    headers: table.headers,
    fields,
    mapping,
    rowKeyColumn: rowKeyColumn ?? null,
    mappingErrors,
    rowCount: table.rows.length,
    validCount: checked.valid.length,
    invalidCount: checked.invalidRows,
    errors: checked.errors.slice(0, MAX_REPORTED_ERRORS),
    sample: checked.valid.slice(0, 5),
  };
}

export type BulkJobSummary = {
  id: string;
  type: string;
  fileName: string;
  state: "running" | "done";
  total: number;
  skipped: number;
  pending: number;
  issued: number;
  existing: number;
  failed: number;
  createdAt: string;
  finishedAt: string | null;
};

/**
 * Creates a job from a file and queues it. Refused whole, with field-level errors and nothing
 * written, when the file is unusable, the mapping misses a required field, or rows are invalid
 * and the issuer did not choose to skip them.
 */
export async function createBulkJob(
  svc: IssuanceServices,
  issuer: Issuer,
  upload: BulkUpload,
  actor: Actor = systemActor,
): Promise<BulkJobSummary> {
  const { table, mappingErrors, checked } = analyse(issuer, upload);
  if (Object.keys(mappingErrors).length > 0) {
    throw new AppError("VALIDATION_FAILED", "Some fields have no column.", mappingErrors);
  }
  if (checked.invalidRows > 0 && !upload.skipInvalid) {
    const fields: Record<string, string[]> = {};
    for (const e of checked.errors.slice(0, MAX_REPORTED_ERRORS)) {
      (fields[`rows.${e.row}.${e.field}`] ??= []).push(e.message);
    }
    throw new AppError(
      "VALIDATION_FAILED",
      `${checked.invalidRows} of ${table.rows.length} rows are not valid; fix them or skip them.`,
      fields,
    );
  }
  if (checked.valid.length === 0) {
    throw new AppError("VALIDATION_FAILED", "No valid row to issue.", { file: ["no valid row"] });
  }
  const id = randomUUID();
  await svc.db.transaction(async (tx) => {
    await tx.insert(bulkJobs).values({
      id,
      issuerSlug: issuer.slug,
      type: upload.type,
      fileName: upload.fileName.slice(0, 200),
      fileHash: createHash("sha256").update(upload.bytes).digest("hex"),
      total: checked.valid.length,
      skipped: checked.invalidRows,
      actorType: actor.type,
      actorId: actor.id,
    });
    // One JSON parameter per batch (jsonb_to_recordset): far faster than a parameter per value.
    for (let i = 0; i < checked.valid.length; i += INSERT_BATCH) {
      const batch = checked.valid.slice(i, i + INSERT_BATCH).map((r) => ({
        n: r.rowNumber,
        key: r.rowKey,
        subject: r.subject,
      }));
      await tx.execute(sql`
        insert into ${bulkRows} (job_id, row_number, row_key, subject)
        select ${id}, x.n, x.key, x.subject
          from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(n int, key text, subject jsonb)`);
    }
    // The job, not its rows: the audit entry carries no personal data.
    await appendAudit(tx, {
      issuer,
      actor,
      action: "bulk.started",
      details: {
        jobId: id,
        type: upload.type,
        fileSha256: createHash("sha256").update(upload.bytes).digest("hex"),
        rows: checked.valid.length,
        skipped: checked.invalidRows,
      },
    });
  });
  void svc.bulk.enqueue(id);
  return getBulkJob(svc, issuer, id);
}

export async function getBulkJob(
  svc: IssuanceServices,
  issuer: Issuer,
  jobId: string,
): Promise<BulkJobSummary> {
  const [job] = await svc.db
    .select()
    .from(bulkJobs)
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.issuerSlug, issuer.slug)));
  if (!job) throw new AppError("NOT_FOUND", `No bulk job "${jobId}" of this issuer.`);
  const counts = await svc.db
    .select({ state: bulkRows.state, n: sql<number>`count(*)::int` })
    .from(bulkRows)
    .where(eq(bulkRows.jobId, jobId))
    .groupBy(bulkRows.state);
  const n = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
  return {
    id: job.id,
    type: job.type,
    fileName: job.fileName,
    state: job.state,
    total: job.total,
    skipped: job.skipped,
    pending: n("pending"),
    issued: n("issued"),
    existing: n("existing"),
    failed: n("failed"),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export async function listBulkJobs(
  svc: IssuanceServices,
  issuer: Issuer,
  limit = 10,
): Promise<BulkJobSummary[]> {
  const jobs = await svc.db
    .select({ id: bulkJobs.id })
    .from(bulkJobs)
    .where(eq(bulkJobs.issuerSlug, issuer.slug))
    .orderBy(desc(bulkJobs.createdAt))
    .limit(limit);
  return Promise.all(jobs.map((j) => getBulkJob(svc, issuer, j.id)));
}

function csvCell(value: string): string {
  // Quote always; neutralise spreadsheet formulas in values that came from the upload.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The job's result as CSV: one line per row with its credential id and claim link. A link is
 * listed while it can still be used (not claimed, not expired); a row that matched a credential
 * issued some other way (single issue) says so, as its token was never derivable.
 */
export async function bulkJobResultCsv(
  svc: IssuanceServices,
  issuer: Issuer,
  jobId: string,
  now: Date = new Date(),
): Promise<{ fileName: string; csv: string }> {
  const job = await getBulkJob(svc, issuer, jobId);
  const rows = await svc.db
    .select({ row: bulkRows, credential: credentials })
    .from(bulkRows)
    .leftJoin(credentials, eq(credentials.id, bulkRows.credentialId))
    .where(eq(bulkRows.jobId, jobId))
    .orderBy(asc(bulkRows.rowNumber));
  const lines = [
    [
      "row",
      "row_key",
      "name",
      "result",
      "credential_id",
      "claim_url",
      "claim_expires_at",
      "note",
      "credential_offer_uri",
    ]
      .map(csvCell)
      .join(","),
  ];
  for (const { row, credential: c } of rows) {
    let link = "";
    let offer = "";
    let note = "";
    if (!c) note = row.state === "pending" ? "not issued yet" : (row.error ?? "failed");
    else if (c.status !== "active") note = `credential is ${c.status}`;
    else if (c.claimedAt) note = "already claimed";
    else if (c.claimExpiresAt && c.claimExpiresAt.getTime() < now.getTime())
      note = "claim link expired";
    else {
      const token = svc.claimTokenFor(c.id);
      if (c.claimTokenHash === hashSecret(token)) {
        link = `${svc.publicUrl}/wallet/claim#${token}`;
        offer = credentialOfferLink(svc, token);
      } else note = "issued outside bulk issuance: its claim link was shown once";
    }
    const name = typeof row.subject.name === "string" ? row.subject.name : "";
    lines.push(
      [
        String(row.rowNumber),
        row.rowKey,
        name,
        row.state,
        c?.id ?? "",
        link,
        link && c?.claimExpiresAt ? c.claimExpiresAt.toISOString() : "",
        note,
        offer,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  const title = credentialTypes[job.type as CredentialTypeName]?.title ?? job.type;
  const base =
    job.fileName.replace(/\.(csv|xlsx)$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-") || "bulk";
  return {
    fileName: `${base}-${title.toLowerCase().replace(/\s+/g, "-")}-claim-links.csv`,
    csv: `${lines.join("\r\n")}\r\n`,
  };
}
