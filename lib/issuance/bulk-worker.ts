import "server-only";
import { appendAudit, appendAuditBatch, systemActor, type Actor } from "./audit-log";
import { randomInt, randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { subjectValidUntil, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { bulkJobs, bulkRows, credentials } from "@/lib/db/schema";
import { STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { credentialPayload } from "./credential-payload";
import { rowsOf } from "./db-rows";
import { hashSecret } from "./hash-secret";
import { CLAIM_LINK_TTL_MS } from "./issue-credential";
import type { IssuanceServices } from "./services";
import { createBatchSigner } from "./sign-jwt-vc";
import { reserveSlots } from "./status-lists";

/**
 * The bulk worker issues the rows of bulk jobs, in the server, a chunk at a time:
 *
 * - **Durable.** Jobs and rows are in the database; `start()` (at server start) resumes every
 *   unfinished job, and again every 30 s, so closing the tab, a restart or a passing database
 *   error loses nothing.
 * - **Idempotent by row key.** A chunk's credentials and its rows' new state are written in one
 *   transaction, and credentials are unique by (issuer, row key): a row whose key already has a
 *   credential is linked to it ("existing"), never issued twice, whether it comes from a
 *   re-uploaded file or from a chunk that ran before a crash.
 * - **Fast.** Per chunk: one status-slot reservation, one multi-row insert, one row update, and
 *   signatures by the batch signer (node:crypto Ed25519 with the key Veramo manages).
 * - **Claim links.** A bulk credential's claim token is derived from its id with a key from
 *   VITAE_SECRET (`svc.claimTokenFor`), so the result CSV can list every link while the database
 *   holds only their hashes, like single issuance. Tokens never go to logs.
 */

export const BULK_CHUNK_SIZE = 1000;
const RESUME_EVERY_MS = 30_000;

export type BulkWorker = {
  /** Resumes every unfinished job now (server start) and every 30 s after. */
  start(): void;
  /** Queues a job; resolves when it has no pending rows left (or the worker stopped). */
  enqueue(jobId: string): Promise<void>;
  /** Stops after the chunk in progress; unfinished jobs stay in the database for the next start. */
  stop(): Promise<void>;
};

export function createBulkWorker(
  svc: IssuanceServices,
  opts: {
    chunkSize?: number;
    /** Called after each chunk (tests use it to stop a run part-way, as a shutdown would). */
    onChunk?: (jobId: string) => void;
  } = {},
): BulkWorker {
  const chunkSize = opts.chunkSize ?? BULK_CHUNK_SIZE;
  const running = new Map<string, Promise<void>>();
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  async function runJob(jobId: string): Promise<void> {
    const [job] = await svc.db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
    if (!job || job.state !== "running") return;
    const issuer = await findIssuer(svc, job.issuerSlug);
    // The credentials' audit entries name whoever started the job.
    const actor: Actor =
      job.actorType && job.actorId ? { type: job.actorType, id: job.actorId } : systemActor;
    const sign = await createBatchSigner(svc, issuer);
    // Fresh planner statistics (PGlite never gathers them by itself): without them the row-key
    // lookups below are planned as scans of every credential of the issuer.
    await svc.db.execute(sql`analyze ${credentials}`);
    await svc.db.execute(sql`analyze ${bulkRows}`);
    while (!stopped) {
      const done = await runChunk(
        svc,
        issuer,
        actor,
        job.id,
        job.type as CredentialTypeName,
        sign,
        chunkSize,
      );
      if (done) break;
      opts.onChunk?.(job.id);
    }
    if (stopped) return;
    await svc.db.transaction(async (tx) => {
      await tx
        .update(bulkJobs)
        .set({ state: "done", finishedAt: new Date() })
        .where(eq(bulkJobs.id, job.id));
      // One entry for the job; its rows name the credentials it issued.
      await appendAudit(tx, {
        issuer,
        actor: systemActor,
        action: "bulk.finished",
        details: { jobId: job.id, rows: job.total },
      });
    });
  }

  function enqueue(jobId: string): Promise<void> {
    const existing = running.get(jobId);
    if (existing) return existing;
    // One job at a time per process: two would only share the same two cores.
    const run = queue.then(() =>
      runJob(jobId).catch((err: unknown) => {
        // The job stays "running" and is resumed on the next start or enqueue.
        console.error(
          `[vitae] bulk job ${jobId} paused:`,
          err instanceof Error ? err.message : "unknown",
        );
      }),
    );
    queue = run;
    running.set(jobId, run);
    void run.finally(() => running.delete(jobId));
    return run;
  }

  let sweeper: ReturnType<typeof setInterval> | undefined;
  const resume = () =>
    svc.db
      .select({ id: bulkJobs.id })
      .from(bulkJobs)
      .where(eq(bulkJobs.state, "running"))
      .orderBy(asc(bulkJobs.createdAt))
      .then((jobs) => jobs.forEach((j) => void enqueue(j.id)))
      .catch(() => undefined);

  return {
    start() {
      if (stopped || sweeper) return;
      void resume();
      // A job paused by an error (the database was briefly unavailable, …) is picked up again.
      sweeper = setInterval(() => void resume(), RESUME_EVERY_MS);
      sweeper.unref?.();
    },
    enqueue,
    async stop() {
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      await queue;
    },
  };
}

type Signer = Awaited<ReturnType<typeof createBatchSigner>>;

/**
 * Issues the next chunk of pending rows; returns true when the job has none left. Rows travel
 * to the database as one JSON parameter (jsonb_to_recordset): with PGlite that is several times
 * faster than a statement with a parameter per value.
 */
async function runChunk(
  svc: IssuanceServices,
  issuer: Issuer,
  actor: Actor,
  jobId: string,
  type: CredentialTypeName,
  sign: Signer,
  chunkSize: number,
): Promise<boolean> {
  const rows = await svc.db
    .select()
    .from(bulkRows)
    .where(and(eq(bulkRows.jobId, jobId), eq(bulkRows.state, "pending")))
    .orderBy(asc(bulkRows.rowNumber))
    .limit(chunkSize);
  if (rows.length === 0) return true;
  const [first, last] = [rows[0]!.rowNumber, rows.at(-1)!.rowNumber];

  // Rows whose key already has a credential: an earlier upload, or this chunk before a crash.
  const existing = rowsOf<{ id: string; row_key: string }>(
    await svc.db.execute(sql`
      select c.id, c.row_key
        from jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.rowKey))}::jsonb) as k(key)
        cross join lateral (
          select id, row_key from ${credentials}
           where issuer_slug = ${issuer.slug} and row_key = k.key
             and row_key is not null and previous_id is null) as c`),
  );
  const existingByKey = new Map(existing.map((e) => [e.row_key, e.id]));
  if (existingByKey.size > 0) {
    const links = rows.flatMap((r) => {
      const id = existingByKey.get(r.rowKey);
      return id ? [{ n: r.rowNumber, id }] : [];
    });
    await svc.db.execute(sql`
      update ${bulkRows} as b set state = 'existing', credential_id = x.id
        from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as x(n int, id text)
       where b.job_id = ${jobId} and b.row_number = x.n and b.state = 'pending'`);
  }
  const todo = rows.filter((r) => !existingByKey.has(r.rowKey));
  if (todo.length === 0) return false;

  const { series, count } = await reserveSlots(svc, issuer, todo.length);
  const batch = todo.slice(0, count);
  const taken = new Set(
    (
      await svc.db
        .select({ index: credentials.statusIndex })
        .from(credentials)
        .where(and(eq(credentials.issuerSlug, issuer.slug), eq(credentials.listSeries, series)))
    ).map((r) => r.index),
  );

  const now = new Date();
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const claimExpiresAt = new Date(now.getTime() + CLAIM_LINK_TTL_MS);
  const records: Record<string, unknown>[] = [];
  for (const r of batch) {
    let statusIndex: number;
    do statusIndex = randomInt(STATUS_LIST_SIZE);
    while (taken.has(statusIndex));
    taken.add(statusIndex);
    const { id: subjectDid, ...claims } = r.subject;
    const until = subjectValidUntil(type, r.subject)?.until;
    const row = {
      id: randomUUID(),
      issuerSlug: issuer.slug,
      type,
      claims,
      listSeries: series,
      statusIndex,
      issuedAt,
      validUntil: until ? new Date(until) : null,
      previousId: null,
    };
    const holder = typeof subjectDid === "string" ? subjectDid : null;
    records.push({
      id: row.id,
      type,
      subject_did: holder,
      claims,
      jwt: await sign(credentialPayload(svc, row, holder)),
      list_series: series,
      status_index: statusIndex,
      valid_until: row.validUntil?.toISOString() ?? null,
      claim_token_hash: hashSecret(svc.claimTokenFor(row.id)),
      row_key: r.rowKey,
    });
  }

  // One transaction: the credentials, their rows' new state and an audit entry per credential
  // commit together. A row key taken meanwhile, or a status slot taken by a concurrent single
  // issue, makes that row's insert a no-op: the row stays pending (and gets no entry) and the
  // next chunk links or redraws it.
  await svc.db.transaction(async (tx) => {
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(sql`
        with inserted as (
          insert into ${credentials}
            (id, issuer_slug, type, subject_did, claims, jwt, list_series, status_index, status,
             valid_until, issued_at, claim_token_hash, claim_expires_at, row_key)
          select x.id, ${issuer.slug}, x.type, x.subject_did, x.claims, x.jwt, x.list_series,
                 x.status_index, 'active', x.valid_until, ${issuedAt.toISOString()}::timestamptz,
                 x.claim_token_hash, ${claimExpiresAt.toISOString()}::timestamptz, x.row_key
            from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
                 id text, type text, subject_did text, claims jsonb, jwt text, list_series int,
                 status_index int, valid_until timestamptz, claim_token_hash text, row_key text)
          on conflict do nothing
          returning id, row_key
        ),
        linked as (
          update ${bulkRows} as b set state = 'issued', credential_id = inserted.id
            from inserted
           where b.job_id = ${jobId} and b.state = 'pending'
             and b.row_number between ${first} and ${last}
             and b.row_key = inserted.row_key
          returning b.row_number
        )
        select inserted.id from inserted`),
    );
    // The same details as a single issue's entry (the type) plus the job: no personal data.
    const issuedIds = new Set(inserted.map((r) => r.id));
    await appendAuditBatch(
      tx,
      issuer,
      records
        .filter((r) => issuedIds.has(r.id as string))
        .map((r) => ({
          actor,
          action: "credential.issued" as const,
          credentialId: r.id as string,
          details: { type, jobId },
          at: issuedAt,
        })),
    );
  });
  return false;
}
