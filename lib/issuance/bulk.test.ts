import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import { decodeJwt } from "@/lib/credentials/decode-jwt";
import { auditEntries, bulkJobs, bulkRows, credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createProof } from "@/lib/wallet/claim-credential";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import {
  startTestChain,
  startTestServices,
  TEST_PUBLIC_URL,
  TEST_SECRET,
  type TestChain,
} from "@/scripts/support/test-stack";
import type { DbHandle } from "@/lib/db/client";
import { verifyAuditLog } from "@/lib/trust/verify-audit-log";
import { amendCredential } from "./amend-credential";
import { anchorAuditHead, exportAuditLog } from "./audit-log";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import {
  bulkJobResultCsv,
  createBulkJob,
  getBulkJob,
  previewBulkUpload,
  type BulkUpload,
} from "./bulk-jobs";
import { createBulkWorker } from "./bulk-worker";
import { changeCredentialStatus } from "./change-status";
import { getClaimOffer, redeemClaim } from "./claim-credential";
import { issueCredential } from "./issue-credential";
import { searchIssuedCredentials } from "./list-issued-credentials";
import { verifyOnServer } from "./server-verifier";
import { createServices, type IssuanceServices } from "./services";

let chain: TestChain;
let svc: IssuanceServices;
let db: DbHandle;
let licensing: Issuer;
let school: Issuer;

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  db = started.db;
  licensing = await findIssuer(svc, "eastland-licensing");
  school = await findIssuer(svc, "northbridge-medicine");
});

afterAll(async () => {
  await db?.close();
  await chain?.stop();
});

function licenceCsv(from: number, count: number, extra: string[] = []): string {
  const lines = ["row_key,Doctor's full name,Licence number,Jurisdiction,Licensed until"];
  for (let i = from; i < from + count; i++) {
    lines.push(`EL-B${i},Dr Bulk ${i},EL-B${i},Eastland,2032-12-31`);
  }
  return `${[...lines, ...extra].join("\n")}\n`;
}

function upload(csv: string, more: Partial<BulkUpload> = {}): BulkUpload {
  return {
    type: "MedicalLicenseCredential",
    mapping: undefined,
    rowKeyColumn: undefined,
    skipInvalid: false,
    fileName: "licences.csv",
    bytes: new TextEncoder().encode(csv),
    ...more,
  };
}

async function credentialCount(keys?: string[]): Promise<number> {
  const [row] = await svc.db
    .select({ n: count() })
    .from(credentials)
    .where(
      keys
        ? and(eq(credentials.issuerSlug, licensing.slug), inArray(credentials.rowKey, keys))
        : eq(credentials.issuerSlug, licensing.slug),
    );
  return row!.n;
}

async function waitForJob(s: IssuanceServices, jobId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getBulkJob(s, licensing, jobId);
    if (job.state === "done") return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} did not finish: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const keysOf = (from: number, n: number) => Array.from({ length: n }, (_, i) => `EL-B${from + i}`);

/** The `credential.issued` audit entries of the credentials with these row keys. */
async function issuedEntries(keys: string[]) {
  const ids = (
    await svc.db
      .select({ id: credentials.id })
      .from(credentials)
      .where(and(eq(credentials.issuerSlug, licensing.slug), inArray(credentials.rowKey, keys)))
  ).map((r) => r.id);
  const entries = await svc.db
    .select()
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.issuerSlug, licensing.slug),
        eq(auditEntries.action, "credential.issued"),
        inArray(auditEntries.credentialId, ids),
      ),
    );
  return { ids, entries };
}

describe("bulk issuance from CSV", () => {
  it("previews the mapping and row errors without writing anything", async () => {
    const before = await credentialCount();
    const preview = previewBulkUpload(
      licensing,
      upload(
        licenceCsv(0, 3, ["EL-X1,Dr Late,EL-X1,Eastland,31/12/2032", "EL-X2,,EL-X2,Eastland,"]),
      ),
    );
    expect(preview).toMatchObject({
      rowKeyColumn: "row_key",
      mapping: {
        name: "Doctor's full name",
        licenseNumber: "Licence number",
        jurisdiction: "Jurisdiction",
        validUntil: "Licensed until",
      },
      rowCount: 5,
      validCount: 3,
      invalidCount: 2,
      errors: [
        {
          row: 5,
          field: "validUntil",
          column: "Licensed until",
          message: expect.stringMatching(/YYYY-MM-DD/),
        },
        { row: 6, field: "name", column: "Doctor's full name", message: "is required" },
      ],
    });
    expect(await credentialCount()).toBe(before);
  });

  it("previews an Excel workbook's first sheet exactly like the CSV, dates from serials", () => {
    const cells = (values: string[], r: number) =>
      `<row r="${r}">${values.map((v) => (/^\d+$/.test(v) ? `<c s="1"><v>${v}</v></c>` : `<c t="inlineStr"><is><t>${v}</t></is></c>`)).join("")}</row>`;
    const sheet = [
      ["row_key", "Doctor's full name", "Licence number", "Jurisdiction", "Licensed until"],
      ["EL-XL1", "Dr Sheet One", "EL-XL1", "Eastland", "48944"], // 2033-12-31
      ["EL-XL2", "Dr Sheet Two", "EL-XL2", "Eastland", "not a date"],
    ]
      .map((row, i) => cells(row, i + 1))
      .join("");
    const xlsx = zipSync({
      "xl/workbook.xml": strToU8(
        '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/styles.xml": strToU8(
        '<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
      ),
      "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
    });
    const preview = previewBulkUpload(
      licensing,
      upload("", { fileName: "renewals.xlsx", bytes: xlsx }),
    );
    expect(preview).toMatchObject({
      rowCount: 2,
      validCount: 1,
      invalidCount: 1,
      rowKeyColumn: "row_key",
    });
    expect(preview.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: "Licensed until",
        message: expect.stringContaining("YYYY-MM-DD"),
      }),
    ]);
    expect(preview.sample[0]?.subject).toMatchObject({
      name: "Dr Sheet One",
      validUntil: "2033-12-31",
    });
  });

  it("issues every row in the background, with a claim link per row that works", async () => {
    const registrar = { type: "staff" as const, id: "registrar-1" };
    const job = await createBulkJob(svc, licensing, upload(licenceCsv(0, 300)), registrar);
    expect(job).toMatchObject({ total: 300, skipped: 0, state: "running" });
    const done = await waitForJob(svc, job.id);
    expect(done).toMatchObject({ issued: 300, existing: 0, pending: 0, failed: 0 });
    expect(await credentialCount(keysOf(0, 300))).toBe(300);

    // Each credential has its own audit entry, naming who started the job and no personal data;
    // the log still chains and its head anchors and verifies against the ledger.
    const { ids, entries } = await issuedEntries(keysOf(0, 300));
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((e) => e.credentialId))).toEqual(new Set(ids));
    for (const e of entries) {
      expect(e.actorType).toBe("staff");
      expect(e.actorId).toBe("registrar-1");
      expect(e.details).toEqual({ type: "MedicalLicenseCredential", jobId: job.id });
    }
    const seqs = entries.map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]!).toBe(299);
    await anchorAuditHead(svc, licensing);
    const audit = await verifyAuditLog(await exportAuditLog(svc, licensing), {
      ledger: svc.ledger.reader,
    });
    expect(audit.checks.map((c) => c.code)).toEqual(["AUDIT_CHAIN_OK", "AUDIT_ANCHOR_MATCH"]);
    expect(audit.verified).toBe(true);
    expect(JSON.stringify(entries)).not.toContain("Dr Bulk");

    const { csv, fileName } = await bulkJobResultCsv(svc, licensing, job.id);
    expect(fileName).toBe("licences-medical-licence-claim-links.csv");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(301);
    expect(lines[1]).toMatch(
      /^"2","EL-B0","Dr Bulk 0","issued","[0-9a-f-]{36}","https:\/\/vitae\.test\/wallet\/claim#[A-Za-z0-9_-]{32}",/,
    );

    // The link's token redeems its own credential, which then verifies in full on the chain.
    const token = /claim#([A-Za-z0-9_-]+)/.exec(lines[1]!)![1]!;
    const offer = await getClaimOffer(svc, token);
    expect(offer.offer.preview).toMatchObject({ name: "Dr Bulk 0", licenseNumber: "EL-B0" });
    const holder = await generateHolderKey();
    const claimed = await redeemClaim(
      svc,
      token,
      await createProof(holder, { audience: offer.audience, nonce: offer.nonce }),
    );
    await svc.anchoring.sweep();
    const result = await verifyOnServer(svc, claimed.credential);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => c.code)).toContain("ANCHOR_MATCH");

    // Status slots are distinct: one per credential.
    const slots = await svc.db
      .select({ index: credentials.statusIndex })
      .from(credentials)
      .where(inArray(credentials.rowKey, keysOf(0, 300)));
    expect(new Set(slots.map((s) => s.index)).size).toBe(300);
  });

  it("re-uploading the same file issues nothing new and links the rows to what exists", async () => {
    const before = await credentialCount();
    const job = await createBulkJob(svc, licensing, upload(licenceCsv(0, 300)));
    const done = await waitForJob(svc, job.id);
    expect(done).toMatchObject({ issued: 0, existing: 300 });
    expect(await credentialCount()).toBe(before);
    const { csv } = await bulkJobResultCsv(svc, licensing, job.id);
    // Row 2 was claimed above; the others still list their (same) links.
    expect(csv).toContain('"2","EL-B0","Dr Bulk 0","existing"');
    expect(csv).toMatch(/"already claimed"/);
    expect(csv.match(/wallet\/claim#/g)).toHaveLength(299);
  });

  it("a job interrupted mid-run is finished by a new server on the same database: no duplicates, no lost rows", async () => {
    // Server A works in small chunks and stops after a few of them (as on shutdown).
    await svc.bulk.stop();
    let chunks = 0;
    let stopping: Promise<void> | undefined;
    const workerA = createBulkWorker(svc, {
      chunkSize: 40,
      onChunk: () => {
        if (++chunks === 3) stopping = workerA.stop();
      },
    });
    const job = await createBulkJob(svc, licensing, upload(licenceCsv(1000, 400)));
    await workerA.enqueue(job.id);
    await stopping;
    const halfway = await getBulkJob(svc, licensing, job.id);
    expect(halfway.state).toBe("running");
    expect(halfway.issued).toBe(120);
    expect(halfway.pending).toBeGreaterThan(0);

    // As if a crash had lost the rows' bookkeeping of one chunk whose credentials were stored.
    const issuedRows = await svc.db
      .select({ rowNumber: bulkRows.rowNumber })
      .from(bulkRows)
      .where(and(eq(bulkRows.jobId, job.id), isNotNull(bulkRows.credentialId)))
      .limit(40);
    await svc.db
      .update(bulkRows)
      .set({ state: "pending", credentialId: null })
      .where(
        and(
          eq(bulkRows.jobId, job.id),
          inArray(
            bulkRows.rowNumber,
            issuedRows.map((r) => r.rowNumber),
          ),
        ),
      );

    // Server B: a new services instance on the same database resumes on start.
    const svcB = createServices({
      db: db.db,
      secret: TEST_SECRET,
      publicUrl: TEST_PUBLIC_URL,
      ledgerConfig: chain.config,
      registryAddress: chain.registryAddress,
    });
    try {
      svcB.bulk.start();
      const done = await waitForJob(svcB, job.id);
      expect(done.pending).toBe(0);
      expect(done.issued + done.existing).toBe(400);
      expect(done.existing).toBe(40);
      expect(await credentialCount(keysOf(1000, 400))).toBe(400);
      const linked = await svc.db
        .select({ id: bulkRows.credentialId })
        .from(bulkRows)
        .where(eq(bulkRows.jobId, job.id));
      expect(new Set(linked.map((l) => l.id)).size).toBe(400);
      // One audit entry per credential: the 40 re-linked rows were not logged twice.
      const { entries } = await issuedEntries(keysOf(1000, 400));
      expect(entries).toHaveLength(400);
      expect(new Set(entries.map((e) => e.credentialId)).size).toBe(400);
    } finally {
      await svcB.bulk.stop();
      await svcB.anchoring.stop();
      svc.bulk = createBulkWorker(svc);
    }
  });

  it("refuses bad files whole, with field-level errors and no partial writes", async () => {
    const jobsBefore = (await svc.db.select({ n: count() }).from(bulkJobs))[0]!.n;
    const before = await credentialCount();
    const refusal = async (u: BulkUpload) => {
      const err = await createBulkJob(svc, licensing, u).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      return err as AppError;
    };
    const tooMany = await refusal(upload(licenceCsv(5000, 100_000)));
    expect(tooMany.fields?.file?.[0]).toMatch(/more than 20,000 rows/);

    const latin1 = await refusal(
      upload("", { bytes: new Uint8Array(Buffer.from("name\nDr Müller\n", "latin1")) }),
    );
    expect(latin1.fields?.file?.[0]).toMatch(/not valid UTF-8/);

    const missing = await refusal(upload("row_key,name,licenseNumber\nA,Dr A,EL-Z1\n"));
    expect(missing.fields).toEqual({
      "mapping.jurisdiction": ["Jurisdiction is required: choose the column that holds it"],
    });

    const badRows = await refusal(
      upload(licenceCsv(6000, 5, ["EL-Y1,Dr Y,EL-Y1,Eastland,2032-13-01"])),
    );
    expect(badRows.message).toBe("1 of 6 rows are not valid; fix them or skip them.");
    expect(badRows.fields).toEqual({ "rows.7.validUntil": ["is not a real calendar date"] });

    const wrongType = await refusal(
      upload(licenceCsv(6000, 1), { type: "MedicalDegreeCredential" }),
    );
    expect(wrongType.code).toBe("FORBIDDEN");

    expect((await svc.db.select({ n: count() }).from(bulkJobs))[0]!.n).toBe(jobsBefore);
    expect(await credentialCount()).toBe(before);

    // Skipping the bad rows issues the good ones.
    const job = await createBulkJob(
      svc,
      licensing,
      upload(licenceCsv(6000, 5, ["EL-Y1,Dr Y,EL-Y1,Eastland,2032-13-01"]), { skipInvalid: true }),
    );
    expect(job).toMatchObject({ total: 5, skipped: 1 });
    expect(await waitForJob(svc, job.id)).toMatchObject({ issued: 5 });
  });

  it("keeps each issuer's jobs to itself", async () => {
    const [job] = await svc.db
      .select()
      .from(bulkJobs)
      .where(eq(bulkJobs.issuerSlug, licensing.slug))
      .limit(1);
    await expect(getBulkJob(svc, school, job!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bulkJobResultCsv(svc, school, job!.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("amend", () => {
  it("issues a correction naming the old credential, which is revoked as superseded", async () => {
    const original = await issueCredential(svc, licensing, {
      type: "MedicalLicenseCredential",
      subject: { name: "Dr Amira Hadad", licenseNumber: "EL-A1", jurisdiction: "Eastland" },
    });
    const amended = await amendCredential(svc, licensing, original.id, {
      subject: { name: "Dr Amira Haddad", licenseNumber: "EL-A1", jurisdiction: "Eastland" },
    });
    expect(amended.previous).toBe(`urn:uuid:${original.id}`);
    expect(amended.superseded.anchor.state).toBe("anchored");

    const decoded = decodeJwt(amended.jwt);
    if (!decoded.ok) throw new Error(decoded.message);
    expect((decoded.payload.vc as Record<string, unknown>).previous).toBe(
      `urn:uuid:${original.id}`,
    );

    await svc.anchoring.sweep();
    const fresh = await verifyOnServer(svc, amended.jwt);
    expect(fresh.verified).toBe(true);
    const old = await verifyOnServer(svc, original.jwt);
    expect(old.verified).toBe(false);
    expect(old.checks.find((c) => c.id === "status")?.code).toBe("REVOKED");

    const page = await searchIssuedCredentials(svc, licensing, { q: "EL-A1" });
    expect(page.total).toBe(2);
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(original.id)).toMatchObject({
      status: "revoked",
      statusReason: "superseded",
      supersededBy: amended.id,
    });
    expect(byId.get(amended.id)).toMatchObject({ status: "active", previousId: original.id });

    // The old claim link no longer hands out the superseded credential.
    const oldToken = original.claimUrl.split("#")[1]!;
    await expect(getClaimOffer(svc, oldToken)).rejects.toMatchObject({
      code: "GONE",
      message: expect.stringContaining("corrected"),
    });

    // The old one cannot be amended again, nor can another issuer amend the new one.
    await expect(
      amendCredential(svc, licensing, original.id, {
        subject: { name: "X", licenseNumber: "EL-A1", jurisdiction: "E" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      amendCredential(svc, school, amended.id, {
        subject: { name: "X", licenseNumber: "EL-A1", jurisdiction: "E" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      amendCredential(svc, licensing, amended.id, {
        subject: { name: "", licenseNumber: "EL-A1" },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { "subject.name": ["is required"], "subject.jurisdiction": ["is required"] },
    });
  });
});

describe("registry search", () => {
  it("searches by name, licence number and id, filters by type, status and date, and pages", async () => {
    const byName = await searchIssuedCredentials(svc, licensing, { q: "dr bulk 29" });
    expect(byName.items.map((i) => i.subjectName).sort()).toEqual(
      ["Dr Bulk 29", ...Array.from({ length: 10 }, (_, i) => `Dr Bulk ${290 + i}`)].sort(),
    );
    const byKey = await searchIssuedCredentials(svc, licensing, { q: "EL-B1005" });
    expect(byKey.items.map((i) => i.rowKey)).toEqual(["EL-B1005"]);
    const byId = await searchIssuedCredentials(svc, licensing, {
      q: `urn:uuid:${byKey.items[0]!.id}`,
    });
    expect(byId.items.map((i) => i.id)).toEqual([byKey.items[0]!.id]);
    // A LIKE wildcard is searched for, not expanded.
    expect((await searchIssuedCredentials(svc, licensing, { q: "%" })).total).toBe(0);

    const target = byKey.items[0]!;
    await changeCredentialStatus(svc, licensing, target.id, "suspend", "review");
    const suspended = await searchIssuedCredentials(svc, licensing, { status: "suspended" });
    expect(suspended.items.map((i) => i.id)).toEqual([target.id]);

    const all = await searchIssuedCredentials(svc, licensing, {
      type: "MedicalLicenseCredential",
      limit: 1,
    });
    expect(all.items).toHaveLength(1);
    expect(all.total).toBe(await credentialCount());
    const page2 = await searchIssuedCredentials(svc, licensing, { limit: 50, offset: 50 });
    const page1 = await searchIssuedCredentials(svc, licensing, { limit: 50 });
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(100);

    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await searchIssuedCredentials(svc, licensing, { issuedFrom: today, issuedTo: today })).total,
    ).toBe(all.total);
    expect((await searchIssuedCredentials(svc, licensing, { issuedTo: "2020-01-01" })).total).toBe(
      0,
    );
    expect(
      (await searchIssuedCredentials(svc, licensing, { type: "MedicalDegreeCredential" })).total,
    ).toBe(0);
    // Another issuer's search never sees these.
    expect((await searchIssuedCredentials(svc, school, { q: "Dr Bulk" })).total).toBe(0);
  });
});
