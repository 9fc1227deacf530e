/**
 * Issuing and verifying 1,000 medical licences with Vitae, against did-jwt-vc doing the bare
 * minimum on the same payloads.
 *
 * Vitae runs on the real stack (anvil with the anchor contract, PGlite with the demo issuers):
 * issuing validates the subject, draws a random status index, signs through Veramo's key manager
 * and stores the row; the first credential also opens the issuer's status lists and anchors them
 * on the chain. Verifying runs all six checks (format, signature, validity, status, anchor,
 * trust), reading the anchor from the chain. The baseline signs with a raw Ed25519 key held in
 * memory and verifies signature and dates only, so the ratios price what Vitae adds on top.
 */
import { generateKeyPairSync } from "node:crypto";
import { EdDSASigner, decodeJWT } from "did-jwt";
import {
  createVerifiableCredentialJwt,
  verifyCredential as verifyJwtVc,
  type JwtCredentialPayload,
} from "did-jwt-vc";
import { Resolver, type DIDDocument } from "did-resolver";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import type { FetchedList } from "@/lib/status/check-status";
import { localSourcesFetch } from "@/lib/issuance/local-sources-fetch";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { issueCredential, type IssuedCredential } from "@/lib/issuance/issue-credential";
import { SIGNING_KEY_FRAGMENT } from "@/lib/issuance/issuer-did";
import { didDocumentFor, trustSnapshot } from "@/lib/issuance/issuer-directory";
import type { IssueCredentialBody } from "@/lib/issuance/schemas";
import type { IssuanceServices } from "@/lib/issuance/services";
import { startTestChain, startTestServices } from "@/scripts/support/test-stack";
import { mean, percentile, perSecond, stopwatch, type BenchResult, type Figure } from "./support";

const COUNT = 1000;
const BATCH = 50;
const ISSUER_SLUG = "eastland-licensing";

// ---------------------------------------------------------------------------------------------
// The credentials: deterministic, so every run signs the same 1,000 subjects.

/** mulberry32: a tiny seeded PRNG, enough to pick names without Math.random. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = (
  "Amira Tomasz Oluwaseun Mei Rahul Siobhan Kwame Ingrid Farah Mateo " +
  "Yuki Noor Dmitri Chiara Tendai Priya Liam Sofia Hamza Elena"
).split(" ");
const FAMILY = (
  "Haddad Kowalski Adeyemi Chen Iyer O'Connell Mensah Lindqvist Rahimi Fernández " +
  "Tanaka Al-Sayed Volkov Ricci Moyo Raghavan Byrne Papadopoulos Qureshi Novak"
).split(" ");
const JURISDICTIONS = ["Eastland", "Eastland (North Province)", "Eastland (Coastal Province)"];
const SCOPES = [
  "General registration",
  "Specialist registration: General Practice",
  "Specialist registration: Anaesthesia",
  "Specialist registration: Obstetrics and Gynaecology",
  "Specialist registration: Emergency Medicine",
  "Provisional registration (internship)",
];
const CONDITIONS = [
  {
    code: "SUP-DIRECT",
    text: "Must practise under the direct supervision of a registered consultant",
  },
  { code: "NO-S8", text: "Must not prescribe, supply or administer Schedule 8 medicines" },
  { code: "CHAPERONE", text: "A chaperone must be present for all intimate examinations" },
  { code: "SITE-ONLY", text: "Practice restricted to Eastland Central Hospital" },
  { code: "AUDIT-Q", text: "Clinical records subject to quarterly audit by the Authority" },
  { code: "NO-SOLO-OC", text: "Must not take sole after-hours on-call responsibility" },
  { code: "NO-SURG", text: "No independent surgery" },
  {
    code: "CPD-ETHICS",
    text: "Must complete an approved course in professional ethics within 12 months",
  },
];

function licenceBodies(count: number): IssueCredentialBody[] {
  const random = seededRandom(20_260_101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const thisYear = new Date().getUTCFullYear();
  return Array.from({ length: count }, (_, i) => {
    const conditions = [...CONDITIONS];
    for (let j = conditions.length - 1; j > 0; j--) {
      const k = Math.floor(random() * (j + 1));
      [conditions[j], conditions[k]] = [conditions[k]!, conditions[j]!];
    }
    conditions.length = 1 + Math.floor(random() * 3);
    // One to three years ahead of today, so the set never ages into expired credentials.
    const year = thisYear + 1 + Math.floor(random() * 3);
    const validUntil = new Date(Date.UTC(year, i % 12, 1 + (i % 28)));
    return {
      type: "MedicalLicenseCredential",
      subject: {
        name: `Dr ${pick(GIVEN)} ${pick(FAMILY)}`,
        licenseNumber: `EL-${String(100_000 + i)}`,
        jurisdiction: pick(JURISDICTIONS),
        scope: pick(SCOPES),
        conditions,
      },
      validUntil: validUntil.toISOString().slice(0, 10),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Vitae's side.

/** Vitae's own sources from the database; nothing leaves the machine. Counts requests. */
function localFetch(svc: IssuanceServices): { fetch: typeof fetch; requests: () => number } {
  let requests = 0;
  const local = localSourcesFetch(svc, async () => new Response("", { status: 404 }));
  const counting: typeof fetch = (input, init) => {
    requests++;
    return local(input, init);
  };
  return { fetch: counting, requests: () => requests };
}

/** A did-resolver that knows one DID document and never touches the network. */
function memoryResolver(document: DIDDocument): Resolver {
  return new Resolver({
    web: async (did) => ({
      didResolutionMetadata: did === document.id ? {} : { error: "notFound" },
      didDocument: did === document.id ? document : null,
      didDocumentMetadata: {},
    }),
  });
}

type Verified = Awaited<ReturnType<typeof verifyCredential>>;

function assertAllVerified(results: Verified[], what: string): void {
  const failed = results.filter((r) => !r.verified);
  if (failed.length === 0 && results.length === COUNT) return;
  const first = failed[0]?.checks
    .filter((c) => c.ok !== true)
    .map((c) => `${c.id}: ${c.code} ${c.message ?? ""}`)
    .join("; ");
  throw new Error(
    `${what}: ${failed.length} of ${results.length} credentials did not verify (first: ${first}).`,
  );
}

// ---------------------------------------------------------------------------------------------

async function measure(svc: IssuanceServices): Promise<BenchResult> {
  const issuer = await findIssuer(svc, ISSUER_SLUG);
  const bodies = licenceBodies(COUNT);

  // Vitae issue, sequentially: one credential after another, as the console's bulk issue does.
  const issued: IssuedCredential[] = [];
  const issueTimes: number[] = [];
  const issueTotal = stopwatch();
  for (const body of bodies) {
    const one = stopwatch();
    issued.push(await issueCredential(svc, issuer, body));
    issueTimes.push(one());
  }
  const vitaeIssueMs = issueTotal();
  const jwts = issued.map((c) => c.jwt);

  // Baseline issue: the payloads Vitae signed, re-signed by did-jwt-vc with a raw key in memory.
  const payloads = jwts.map((jwt) => {
    const { iss: _iss, ...payload } = decodeJWT(jwt).payload;
    return payload as JwtCredentialPayload;
  });
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const secretKey = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
  const baselineIssuer = { did: issuer.did, signer: EdDSASigner(secretKey), alg: "EdDSA" };
  const header = { kid: `${issuer.did}#${SIGNING_KEY_FRAGMENT}`, typ: "JWT" as const };
  const baselineJwts: string[] = [];
  const baselineIssueTotal = stopwatch();
  for (const payload of payloads) {
    baselineJwts.push(await createVerifiableCredentialJwt(payload, baselineIssuer, { header }));
  }
  const baselineIssueMs = baselineIssueTotal();
  if (baselineJwts.length !== COUNT) throw new Error("The baseline did not sign every payload.");

  // Vitae verify: one deps object for both runs, as a roster check would hold it.
  const local = localFetch(svc);
  const deps = {
    resolveDid: createDidResolver({ fetch: local.fetch }),
    fetch: local.fetch,
    statusListCache: new Map<string, Promise<FetchedList>>(),
    ledger: svc.ledger.reader,
    trust: await trustSnapshot(svc),
    now: () => new Date(),
  };

  // The lists' first versions are anchored by the worker; verification needs them on chain.
  await svc.anchoring.sweep();
  const verifyTimes: number[] = [];
  const sequentialResults: Verified[] = [];
  const sequentialTotal = stopwatch();
  for (const jwt of jwts) {
    const one = stopwatch();
    sequentialResults.push(await verifyCredential(jwt, deps));
    verifyTimes.push(one());
  }
  const vitaeVerifySequentialMs = sequentialTotal();
  assertAllVerified(sequentialResults, "Vitae verify (sequential)");
  const requestsAfterSequential = local.requests();

  const batchedResults: Verified[] = [];
  const batchedTotal = stopwatch();
  for (let i = 0; i < jwts.length; i += BATCH) {
    batchedResults.push(
      ...(await Promise.all(jwts.slice(i, i + BATCH).map((jwt) => verifyCredential(jwt, deps)))),
    );
  }
  const vitaeVerifyBatchedMs = batchedTotal();
  assertAllVerified(batchedResults, `Vitae verify (batches of ${BATCH})`);

  // Baseline verify: did-jwt-vc with the same DID document, served from memory.
  const document = (await didDocumentFor(svc, ISSUER_SLUG)) as DIDDocument;
  const resolver = memoryResolver(document);
  let baselineVerified = 0;
  const baselineVerifyTotal = stopwatch();
  for (const jwt of jwts) {
    const result = await verifyJwtVc(jwt, resolver);
    if (result.verified) baselineVerified++;
  }
  const baselineVerifyMs = baselineVerifyTotal();
  if (baselineVerified !== COUNT) {
    throw new Error(`did-jwt-vc verified ${baselineVerified} of ${COUNT} credentials.`);
  }
  // The baseline's own credentials must be sound too, or its issue rate is a rate of garbage.
  const baselineKey = publicKey.export({ format: "jwk" });
  const baselineDocument: DIDDocument = {
    ...document,
    verificationMethod: document.verificationMethod?.map((m) =>
      m.publicKeyJwk ? { ...m, publicKeyJwk: { kty: "OKP", crv: "Ed25519", x: baselineKey.x } } : m,
    ),
  };
  for (const jwt of [baselineJwts[0]!, baselineJwts[COUNT - 1]!]) {
    await verifyJwtVc(jwt, memoryResolver(baselineDocument)); // throws if it does not verify
  }

  const vitaeIssueRate = perSecond(COUNT, vitaeIssueMs);
  const baselineIssueRate = perSecond(COUNT, baselineIssueMs);
  const sequentialRate = perSecond(COUNT, vitaeVerifySequentialMs);
  const batchedRate = perSecond(COUNT, vitaeVerifyBatchedMs);
  const baselineVerifyRate = perSecond(COUNT, baselineVerifyMs);
  const jwtBytes = mean(jwts.map((j) => j.length));

  const figures: Figure[] = [
    { label: "credentials (MedicalLicenseCredential)", value: COUNT, unit: "" },
    { label: "mean credential JWT size", value: jwtBytes, unit: "bytes" },
    { label: "Vitae issue: total", value: vitaeIssueMs / 1000, unit: "s" },
    { label: "Vitae issue: throughput", value: vitaeIssueRate, unit: "credentials/s" },
    { label: "Vitae issue: mean", value: vitaeIssueMs / COUNT, unit: "ms/credential" },
    { label: "Vitae issue: median", value: percentile(issueTimes, 50), unit: "ms/credential" },
    { label: "Vitae issue: p95", value: percentile(issueTimes, 95), unit: "ms/credential" },
    {
      label: "Vitae issue: first (opens + anchors the lists)",
      value: issueTimes[0]!,
      unit: "ms",
    },
    { label: "did-jwt-vc issue: total", value: baselineIssueMs / 1000, unit: "s" },
    { label: "did-jwt-vc issue: throughput", value: baselineIssueRate, unit: "credentials/s" },
    { label: "did-jwt-vc issue: mean", value: baselineIssueMs / COUNT, unit: "ms/credential" },
    { label: "Vitae verify, sequential: total", value: vitaeVerifySequentialMs / 1000, unit: "s" },
    { label: "Vitae verify, sequential: throughput", value: sequentialRate, unit: "credentials/s" },
    {
      label: "Vitae verify, sequential: median",
      value: percentile(verifyTimes, 50),
      unit: "ms/credential",
    },
    {
      label: "Vitae verify, sequential: p95",
      value: percentile(verifyTimes, 95),
      unit: "ms/credential",
    },
    {
      label: `Vitae verify, batches of ${BATCH}: total`,
      value: vitaeVerifyBatchedMs / 1000,
      unit: "s",
    },
    {
      label: `Vitae verify, batches of ${BATCH}: throughput`,
      value: batchedRate,
      unit: "credentials/s",
    },
    {
      label: "Vitae verify: DID document + status list requests",
      value: local.requests(),
      unit: `for ${2 * COUNT} verifications (${requestsAfterSequential} in the first run)`,
    },
    { label: "did-jwt-vc verify: total", value: baselineVerifyMs / 1000, unit: "s" },
    { label: "did-jwt-vc verify: throughput", value: baselineVerifyRate, unit: "credentials/s" },
    {
      label: "did-jwt-vc verify: mean",
      value: baselineVerifyMs / COUNT,
      unit: "ms/credential",
    },
  ];

  return {
    name: `Issue and verify ${COUNT} medical licences: Vitae vs did-jwt-vc`,
    figures,
    ratios: [
      { label: "Vitae issue time / did-jwt-vc issue time", value: vitaeIssueMs / baselineIssueMs },
      {
        label: "Vitae verify throughput (sequential) / did-jwt-vc",
        value: sequentialRate / baselineVerifyRate,
      },
      {
        label: `Vitae verify throughput (batches of ${BATCH}) / did-jwt-vc`,
        value: batchedRate / baselineVerifyRate,
      },
    ],
    notes: [
      "Vitae issue = validate subject, draw a random status index, sign via Veramo's key manager, insert into PGlite; sequential. The first credential also opens both status lists and anchors them on anvil.",
      "did-jwt-vc issue = createVerifiableCredentialJwt with EdDSASigner over a raw Ed25519 key in memory, same payloads and header; no storage, no status index.",
      "Vitae verify = all six checks (format, signature, validity, status, anchor, trust) with one shared deps object: DID resolver cache and statusListCache shared across both runs; each credential still verifies both status lists and reads their anchors from the chain.",
      "did-jwt-vc verify checks the signature and dates only: no status, no anchor, no trust. Same JWTs and DID document, resolved from memory.",
    ],
  };
}

export default async function issueVerifyBench(): Promise<BenchResult> {
  const chain = await startTestChain();
  try {
    const { svc, db } = await startTestServices(chain);
    try {
      return await measure(svc);
    } finally {
      await db.close();
    }
  } finally {
    await chain.stop();
  }
}
