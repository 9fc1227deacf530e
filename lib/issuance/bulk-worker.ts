import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { subjectValidUntil, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { bulkJobs, bulkRows, credentials } from "@/lib/db/schema";
import { STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { credentialPayload } from "./credential-payload";
import { hashSecret } from "./hash-secret";
import { CLAIM_LINK_TTL_MS } from "./issue-credential";
import type { IssuanceServices } from "./services";
import { createBatchSigner } from "./sign-jwt-vc";
import { reserveSlots } from "./status-lists";

/**
 * The bulk worker issues the rows of bulk jobs, in the server, a chunk at a time:
 *
 * - **Durable.** Jobs and rows are in the database; `start()` (at server start) resumes every
 *   unfinished job, so closing the tab or restarting the server loses nothing.
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

export type BulkWorker = {
  /** Resumes every unfinished job (server start). */
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
    const sign = await createBatchSigner(svc, issuer);
    while (!stopped) {
      const done = await runChunk(
        svc,
        issuer,
        job.id,
        job.type as CredentialTypeName,
        sign,
        chunkSize,
      );
      if (done) break;
      opts.onChunk?.(job.id);
    }
    if (stopped) return;
    await svc.db
      .update(bulkJobs)
      .set({ state: "done", finishedAt: new Date() })
      .where(eq(bulkJobs.id, job.id));
    // AUDIT: append "bulk job finished" (issuer, job id, issued / existing / failed counts).
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

  return {
    start() {
      if (stopped) return;
      void svc.db
        .select({ id: bulkJobs.id })
        .from(bulkJobs)
        .where(eq(bulkJobs.state, "running"))
        .orderBy(asc(bulkJobs.createdAt))
        .then((jobs) => jobs.forEach((j) => void enqueue(j.id)))
        .catch(() => undefined);
    },
    enqueue,
    async stop() {
      stopped = true;
      await queue;
    },
  };
}

type Signer = Awaited<ReturnType<typeof createBatchSigner>>;

/** Issues the next chunk of pending rows; returns true when the job has none left. */
async function runChunk(
  svc: IssuanceServices,
  issuer: Issuer,
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
  const numbers = rows.map((r) => r.rowNumber);

  // Rows whose key already has a credential (an earlier upload, or this chunk before a crash).
  const linked = await linkRows(svc.db, issuer, jobId, numbers, "existing");
  const todo = rows.filter((r) => !linked.has(r.rowNumber));
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
  const values: (typeof credentials.$inferInsert & { jwt: string })[] = [];
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
      subjectDid: typeof subjectDid === "string" ? subjectDid : null,
      claims,
      listSeries: series,
      statusIndex,
      issuedAt,
      validUntil: until ? new Date(until) : null,
      claimExpiresAt,
      rowKey: r.rowKey,
      previousId: null,
    };
    const jwt = await sign(credentialPayload(svc, row, row.subjectDid));
    values.push({ ...row, jwt, claimTokenHash: hashSecret(svc.claimTokenFor(row.id)) });
  }

  await svc.db.transaction(async (tx) => {
    // A row key taken meanwhile, or a status slot taken by a concurrent single issue, makes
    // that row's insert a no-op: the row stays pending and the next chunk links or redraws it.
    await tx.insert(credentials).values(values).onConflictDoNothing();
    await linkRows(tx, issuer, jobId, numbers, "issued");
  });
  return false;
}

type Executor = Pick<IssuanceServices["db"], "update">;

/** Marks the pending rows among `numbers` whose key has an original credential; returns them. */
async function linkRows(
  db: Executor,
  issuer: Issuer,
  jobId: string,
  numbers: number[],
  state: "issued" | "existing",
): Promise<Set<number>> {
  const updated = await db
    .update(bulkRows)
    .set({
      state,
      credentialId: sql`(select ${credentials.id} from ${credentials} where ${credentials.issuerSlug} = ${issuer.slug} and ${credentials.rowKey} = ${bulkRows.rowKey} and ${credentials.previousId} is null)`,
    })
    .where(
      and(
        eq(bulkRows.jobId, jobId),
        eq(bulkRows.state, "pending"),
        inArray(bulkRows.rowNumber, numbers),
        sql`exists (select 1 from ${credentials} where ${credentials.issuerSlug} = ${issuer.slug} and ${credentials.rowKey} = ${bulkRows.rowKey} and ${credentials.previousId} is null)`,
      ),
    )
    .returning({ rowNumber: bulkRows.rowNumber });
  return new Set(updated.map((u) => u.rowNumber));
}
