/**
 * Bulk issuance of 10,000 medical licences from one CSV file, end to end, against did-jwt-vc
 * signing the same 10,000 credentials with a raw key in memory.
 *
 * Vitae runs on the real stack (anvil with the anchor contract, PGlite with the demo issuers):
 * the timer covers reading the file (UTF-8 check, CSV parse, column mapping, a zod check of every
 * row), writing the job and its rows in one transaction, and the bulk worker issuing every row
 * (status slots per chunk, signing, multi-row inserts) until the job reports done, then building
 * the result CSV with 10,000 claim links. The issuer's first status lists are opened and anchored
 * before the timer starts (once per issuer, not per file). The baseline signs the very payloads
 * Vitae stored with did-jwt's EdDSASigner (@noble/curves) and nothing else.
 *
 * BENCH_ROWS overrides the row count (e.g. for profiling).
 *
 * It also prices one signature through Veramo's key manager against the batch signer.
 */
import { generateKeyPairSync } from "node:crypto";
import { EdDSASigner, decodeJWT } from "did-jwt";
import { createVerifiableCredentialJwt, type JwtCredentialPayload } from "did-jwt-vc";
import { eq } from "drizzle-orm";
import { credentials } from "@/lib/db/schema";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { bulkJobResultCsv, createBulkJob, getBulkJob } from "@/lib/issuance/bulk-jobs";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { SIGNING_KEY_FRAGMENT } from "@/lib/issuance/issuer-did";
import { createBatchSigner, signJwtVc } from "@/lib/issuance/sign-jwt-vc";
import type { IssuanceServices } from "@/lib/issuance/services";
import { startTestChain, startTestServices } from "@/scripts/support/test-stack";
import { perSecond, stopwatch, type BenchResult } from "./support";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const SIGN_SAMPLE = 1000;
const ISSUER_SLUG = "eastland-licensing";

function licenceCsv(rows: number): string {
  const year = new Date().getUTCFullYear() + 2;
  const lines = [
    "Licence number,Doctor's full name,Jurisdiction,Scope of practice,Licensed until,Conditions on practice",
  ];
  for (let i = 0; i < rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, "0");
    const day = String(1 + (i % 28)).padStart(2, "0");
    const conditions =
      i % 5 === 0
        ? '"SUP-DIRECT: Must practise under direct supervision; No independent surgery"'
        : "";
    lines.push(
      `EL-${200_000 + i},Dr Bulk Licensee ${i},Eastland,General registration,${year}-${month}-${day},${conditions}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function measure(svc: IssuanceServices): Promise<BenchResult> {
  const issuer = await findIssuer(svc, ISSUER_SLUG);
  // Opens and anchors the issuer's first status lists, as any earlier issue would have.
  await issueCredential(svc, issuer, {
    type: "MedicalLicenseCredential",
    subject: { name: "Dr Warm Up", licenseNumber: "EL-WARM", jurisdiction: "Eastland" },
  });
  await svc.anchoring.sweep();

  const file = new TextEncoder().encode(licenceCsv(ROWS));
  const total = stopwatch();
  const job = await createBulkJob(svc, issuer, {
    type: "MedicalLicenseCredential",
    mapping: undefined,
    rowKeyColumn: undefined,
    skipInvalid: false,
    fileName: "licences.csv",
    bytes: file,
  });
  const acceptedMs = total();
  let progress = job;
  while (progress.state !== "done") {
    await new Promise((r) => setTimeout(r, 25));
    progress = await getBulkJob(svc, issuer, job.id);
  }
  const result = await bulkJobResultCsv(svc, issuer, job.id);
  const bulkMs = total();
  if (progress.issued !== ROWS)
    throw new Error(`Only ${progress.issued} of ${ROWS} rows were issued.`);
  const links = result.csv.match(/wallet\/claim#/g)?.length ?? 0;
  if (links !== ROWS) throw new Error(`The result lists ${links} claim links, not ${ROWS}.`);

  // Baseline: the same 10,000 payloads, signed by did-jwt-vc with a raw key in memory.
  const stored = await svc.db
    .select({ jwt: credentials.jwt })
    .from(credentials)
    .where(eq(credentials.issuerSlug, issuer.slug));
  const payloads = stored
    .filter((r) => !r.jwt.includes("EL-WARM"))
    .map((r) => {
      const { iss: _iss, ...payload } = decodeJWT(r.jwt).payload;
      return payload as JwtCredentialPayload;
    })
    .slice(0, ROWS);
  const { privateKey } = generateKeyPairSync("ed25519");
  const secretKey = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
  const baselineIssuer = { did: issuer.did, signer: EdDSASigner(secretKey), alg: "EdDSA" };
  const header = { kid: `${issuer.did}#${SIGNING_KEY_FRAGMENT}`, typ: "JWT" as const };
  const baseline = stopwatch();
  for (const payload of payloads) {
    await createVerifiableCredentialJwt(payload, baselineIssuer, { header });
  }
  const baselineMs = baseline();

  // One signature through Veramo's key manager (keys cached) against the batch signer.
  const sample = payloads.slice(0, SIGN_SAMPLE);
  const veramo = stopwatch();
  for (const payload of sample) await signJwtVc(svc, issuer, payload);
  const veramoMs = veramo();
  const sign = await createBatchSigner(svc, issuer);
  const batch = stopwatch();
  for (const payload of sample) await sign(payload);
  const batchMs = batch();

  return {
    name: `Bulk issuance: ${ROWS.toLocaleString("en-GB")} licences from one CSV file`,
    figures: [
      { label: "end to end (upload → job done → result CSV)", value: bulkMs / 1000, unit: "s" },
      { label: "  of which: file checked, job + rows stored", value: acceptedMs, unit: "ms" },
      { label: "bulk throughput", value: perSecond(ROWS, bulkMs), unit: "credentials/s" },
      {
        label: "raw did-jwt-vc signing of the same credentials",
        value: baselineMs / 1000,
        unit: "s",
      },
      {
        label: "one signature via Veramo keyManagerSign",
        value: (veramoMs * 1000) / SIGN_SAMPLE,
        unit: "µs",
      },
      {
        label: "one signature via the batch signer",
        value: (batchMs * 1000) / SIGN_SAMPLE,
        unit: "µs",
      },
      {
        label: "one signature via raw did-jwt-vc (baseline)",
        value: (baselineMs * 1000) / ROWS,
        unit: "µs",
      },
    ],
    ratios: [
      { label: "bulk end to end / raw signing", value: bulkMs / baselineMs, goal: "<= 3" },
      { label: "bulk end to end / 30 s target", value: bulkMs / 30_000, goal: "<= 1" },
      { label: "Veramo signature / batch-signer signature", value: veramoMs / batchMs },
    ],
    notes: [
      `Real anvil and PGlite; the job runs in the bulk worker exactly as in the server (chunks of 1,000).`,
      `The result CSV was built and holds ${links.toLocaleString("en-GB")} claim links.`,
      `The batch signer reads the issuer key once from Veramo's store and signs with node:crypto Ed25519.`,
    ],
  };
}

export default async function bulkIssueBench(): Promise<BenchResult> {
  const chain = await startTestChain();
  const { svc, db } = await startTestServices(chain);
  try {
    return await measure(svc);
  } finally {
    await db.close();
    await chain.stop();
  }
}
