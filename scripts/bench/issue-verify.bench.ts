/**
 * Issuing and verifying 1,000 medical licences with Vitae, against did-jwt-vc doing the bare
 * minimum on the same payloads, and (verifying) against raw WebCrypto signature checks, in Node
 * and in Chromium.
 *
 * Vitae runs on the real stack (anvil with the anchor contract, PGlite with the demo issuers):
 * issuing validates the subject, draws a random status index, signs through Veramo's key manager
 * and stores the row; the first credential also opens the issuer's status lists and anchors them
 * on the chain. Verifying runs all six checks (format, signature, validity, status, anchor,
 * trust), reading the anchor from the chain. The baseline signs with a raw Ed25519 key held in
 * memory and verifies signature and dates only, so the ratios price what Vitae adds on top. The
 * verification race itself is ./verify-throughput.ts, run in Node here and in Chromium by
 * ./browser/run-in-chromium.ts on the same JWTs.
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
import { createVerificationContext } from "@/lib/credentials/verification-context";
import { localSourcesFetch } from "@/lib/issuance/local-sources-fetch";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { issueCredential, type IssuedCredential } from "@/lib/issuance/issue-credential";
import { SIGNING_KEY_FRAGMENT } from "@/lib/issuance/issuer-did";
import { didDocumentFor, trustSnapshot } from "@/lib/issuance/issuer-directory";
import type { IssueCredentialBody } from "@/lib/issuance/schemas";
import type { IssuanceServices } from "@/lib/issuance/services";
import { startTestChain, startTestServices, type TestChain } from "@/scripts/support/test-stack";
import { runInChromium } from "./browser/run-in-chromium";
import {
  mean,
  percentile,
  perSecond,
  stopwatch,
  type BenchResult,
  type Figure,
  type Ratio,
} from "./support";
import { countingSources, runVerifyThroughput, type ThroughputFigures } from "./verify-throughput";

const COUNT = 1000;
const BATCH = 50;
const ROUNDS = 3;
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

/** The race's figures for one runtime, and its ratios against the two baselines. */
function report(runtime: string, f: ThroughputFigures): { figures: Figure[]; ratios: Ratio[] } {
  const rate = (ms: number) => perSecond(f.count, ms);
  const rows: Array<[string, number]> = [
    ["raw WebCrypto Ed25519 verify, sequential", rate(f.raw.sequentialMs)],
    [`raw WebCrypto Ed25519 verify, batches of ${f.batch}`, rate(f.raw.batchedMs)],
    ["Vitae verify (6 checks, warm), sequential", rate(f.vitae.sequentialMs)],
    [`Vitae verify (6 checks, warm), batches of ${f.batch}`, rate(f.vitae.batchedMs)],
    ["Vitae verify (6 checks, cold), sequential", rate(f.vitaeCold.sequentialMs)],
    [`Vitae verify (6 checks, cold), batches of ${f.batch}`, rate(f.vitaeCold.batchedMs)],
    ["did-jwt-vc verifyCredential, sequential", rate(f.didJwtVc.sequentialMs)],
    [`did-jwt-vc verifyCredential, batches of ${f.batch}`, rate(f.didJwtVc.batchedMs)],
  ];
  const figures: Figure[] = [
    ...rows.map(([label, value]) => ({
      label: `${runtime}: ${label}`,
      value,
      unit: "credentials/s",
    })),
    {
      label: `${runtime}: Vitae, first credential of a cold verifier`,
      value: f.vitaeFirstMs,
      unit: "ms (DID document, 2 lists, 2 anchors read)",
    },
    {
      label: `${runtime}: Vitae cold run, requests`,
      value: f.vitaeSources.requests,
      unit: `HTTP (DID document + status lists) for ${f.count} credentials`,
    },
    {
      label: `${runtime}: Vitae cold run, ledger reads`,
      value: f.vitaeSources.ledgerReads,
      unit: `latest() for ${f.count} credentials`,
    },
    {
      label: `${runtime}: Vitae warm verifier, requests + ledger reads`,
      value: f.warmSources.requests + f.warmSources.ledgerReads,
      unit: `for ${f.warmSources.verifications} credentials over ${f.warmSources.seconds.toFixed(1)} s (30 s TTL)`,
    },
  ];
  const ratios: Ratio[] = [
    {
      // What any verifier built on this WebCrypto could reach against did-jwt-vc, at most.
      label: `${runtime}: raw native verify / did-jwt-vc, sequential (ceiling)`,
      value: f.didJwtVc.sequentialMs / f.raw.sequentialMs,
    },
    {
      label: `${runtime}: Vitae cold / did-jwt-vc, sequential`,
      value: f.didJwtVc.sequentialMs / f.vitaeCold.sequentialMs,
    },
    {
      label: `${runtime}: Vitae cold / raw native verify, sequential`,
      value: f.raw.sequentialMs / f.vitaeCold.sequentialMs,
    },
    {
      label: `${runtime}: Vitae / did-jwt-vc, sequential`,
      value: f.didJwtVc.sequentialMs / f.vitae.sequentialMs,
      goal: "≥ 10×",
    },
    {
      label: `${runtime}: Vitae / did-jwt-vc, batches of ${f.batch}`,
      value: f.didJwtVc.batchedMs / f.vitae.batchedMs,
      goal: "≥ 10×",
    },
    {
      label: `${runtime}: Vitae / raw native verify, sequential`,
      value: f.raw.sequentialMs / f.vitae.sequentialMs,
      goal: "≥ 0.5×",
    },
    {
      label: `${runtime}: Vitae / raw native verify, batches of ${f.batch}`,
      value: f.raw.batchedMs / f.vitae.batchedMs,
      goal: "≥ 0.5×",
    },
  ];
  return { figures, ratios };
}

// ---------------------------------------------------------------------------------------------

async function measure(svc: IssuanceServices, chain: TestChain): Promise<BenchResult> {
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

  // The baseline's own credentials must be sound too, or its issue rate is a rate of garbage.
  const document = (await didDocumentFor(svc, ISSUER_SLUG)) as DIDDocument;
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

  // Verify: the same 1,000 Vitae-issued JWTs, in Node and then in Chromium, once the lists'
  // current versions are on the ledger (the anchoring worker drains the outbox in the background;
  // until it has, the status list endpoint rightly answers 503).
  await svc.anchoring.sweep();
  const trust = await trustSnapshot(svc);
  // Vitae's own sources from the database; nothing leaves the machine.
  const sources = localSourcesFetch(svc, async () => new Response("", { status: 404 }));
  const inNode = await runVerifyThroughput({
    jwts,
    batch: BATCH,
    rounds: ROUNDS,
    didDocument: document,
    // As POST /api/v1/verify wires it (lib/issuance/server-verifier.ts), one verifier per run.
    newVerifier: () => {
      const counted = countingSources(sources, svc.ledger.reader);
      const deps = {
        resolveDid: createDidResolver({ fetch: counted.fetch }),
        fetch: counted.fetch,
        ledger: counted.ledger,
        trust,
        now: () => new Date(),
        context: createVerificationContext(),
      };
      return { verify: (jwt: string) => verifyCredential(jwt, deps), counts: counted.counts };
    },
  });
  const inChromium = await runInChromium({
    publicUrl: svc.publicUrl,
    sources,
    ledger: chain.config,
    jwts,
    batch: BATCH,
    rounds: ROUNDS,
    didDocument: document,
    trust,
  });

  const vitaeIssueRate = perSecond(COUNT, vitaeIssueMs);
  const baselineIssueRate = perSecond(COUNT, baselineIssueMs);
  const node = report(`Node ${process.versions.node}`, inNode);
  const browser = report(`Chromium ${inChromium.version}`, inChromium);

  const figures: Figure[] = [
    { label: "credentials (MedicalLicenseCredential)", value: COUNT, unit: "" },
    { label: "mean credential JWT size", value: mean(jwts.map((j) => j.length)), unit: "bytes" },
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
    ...node.figures,
    ...browser.figures,
    {
      label: "Chromium: bench bundle (core + did-jwt-vc + race)",
      value: inChromium.bundleBytes / 1024,
      unit: "KiB minified",
    },
  ];

  return {
    name: `Issue and verify ${COUNT} medical licences: Vitae vs did-jwt-vc vs raw WebCrypto, Node and Chromium`,
    figures,
    ratios: [
      { label: "Vitae issue time / did-jwt-vc issue time", value: vitaeIssueMs / baselineIssueMs },
      ...node.ratios,
      ...browser.ratios,
    ],
    notes: [
      "Vitae issue = validate subject, draw a random status index, sign via Veramo's key manager, insert into PGlite; sequential. The first credential also opens both status lists and anchors them on anvil.",
      "did-jwt-vc issue = createVerifiableCredentialJwt with EdDSASigner over a raw Ed25519 key in memory, same payloads and header; no storage, no status index.",
      `Verify: the same ${COUNT} Vitae-issued JWTs in both runtimes. Each contender runs sequentially (await each) and in batches of ${BATCH} (Promise.all per batch); ${ROUNDS} interleaved rounds after a warm-up, best round counted. A ratio above 1 means Vitae is faster.`,
      "Vitae verify = all six checks (format, signature, validity, status, anchor, trust); every result is asserted verified. Warm = one verifier (DID resolver + verification context) whose first credential, before the clock, read the DID document, both status lists and both anchors; the timed runs reuse them within their TTL (30 s; a run past it re-reads, counted above), so like both baselines they do no I/O: the goals are set on these. Cold = a fresh verifier per timed run, which reads all of that itself while the clock runs.",
      "Raw native = crypto.subtle.verify (Ed25519) of each JWT's signature over its signing input, the key imported once and the JWTs split before the clock starts: the platform's limit.",
      "did-jwt-vc verify checks the signature and dates only: no status, no anchor, no trust; the DID document is resolved from memory. Its Ed25519 is @noble/curves in JavaScript, so 'raw native / did-jwt-vc' is the most any WebCrypto verifier could reach against it: where that ceiling is near 10×, the 10× goal asks Vitae to match the raw signature check itself.",
      "Node: DID document and status lists come from Vitae's own sources in PGlite (localSourcesFetch, as POST /api/v1/verify reads them); anchors from anvil.",
      "Chromium (Debian's, via playwright-core): the universal core, did-jwt-vc and the race bundled by esbuild into a page on https://vitae.test; its DID document and status list requests are answered by the same localSourcesFetch in Node, and its viem ledger reader's JSON-RPC is relayed to the same anvil.",
    ],
  };
}

export default async function issueVerifyBench(): Promise<BenchResult> {
  const chain = await startTestChain();
  try {
    const { svc, db } = await startTestServices(chain);
    try {
      return await measure(svc, chain);
    } finally {
      await db.close();
    }
  } finally {
    await chain.stop();
  }
}
