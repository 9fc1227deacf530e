import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactCredential } from "@/lib/credentials/compact-credential";
import { createDidResolver } from "@/lib/credentials/resolve-did";
import type { VerifyCredentialDeps } from "@/lib/credentials/verify-credential";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { changeCredentialStatus } from "@/lib/issuance/change-status";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { serverVerifyDeps } from "@/lib/issuance/server-verifier";
import type { IssuanceServices } from "@/lib/issuance/services";
import type { LedgerReader } from "@/lib/ledger/reader";
import { startTestChain, startTestServices, type TestChain } from "@/scripts/support/test-stack";
import { verifyRoster } from "./verify-roster";

/**
 * The roster loop on the real stack (anvil + PGlite): verdicts, codes and descriptions per row,
 * and one read of each source for the whole run.
 */

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
const jwts: string[] = [];
let revokedJwt = "";

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  close = () => started.db.close();
  const issuer = await findIssuer(svc, "eastland-licensing");
  for (let i = 0; i < 6; i++) {
    const issued = await issueCredential(svc, issuer, {
      type: "MedicalLicenseCredential",
      subject: { name: `Dr Roster ${i}`, licenseNumber: `EL-R${i}`, jurisdiction: "Eastland" },
    });
    jwts.push(issued.jwt);
  }
  const revoked = await issueCredential(svc, issuer, {
    type: "MedicalLicenseCredential",
    subject: { name: "Dr Revoked", licenseNumber: "EL-RV", jurisdiction: "Eastland" },
  });
  revokedJwt = revoked.jwt;
  await changeCredentialStatus(svc, issuer, revoked.id, "revoke", "test");
  await svc.anchoring.sweep();
}, 120_000);

afterAll(async () => {
  await close?.();
  await chain?.stop();
});

function counted(deps: VerifyCredentialDeps) {
  const reads = { requests: 0, ledger: 0 };
  const fetcher: typeof fetch = (input, init) => {
    reads.requests++;
    return deps.fetch(input, init);
  };
  const ledger: LedgerReader = {
    latest: (key) => {
      reads.ledger++;
      return deps.ledger.latest(key);
    },
    history: (key, opts) => deps.ledger.history(key, opts),
  };
  return { reads, deps: { ...deps, fetch: fetcher, ledger } };
}

/** Edits the doctor's name and keeps the issuer's signature: it no longer matches. */
function tamper(jwt: string): string {
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as {
    vc: { credentialSubject: { name: string } };
  };
  payload.vc.credentialSubject.name += " (edited)";
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
}

describe("verifyRoster", () => {
  it("gives each row a verdict, a code and a description, reading each source once", async () => {
    const base = await serverVerifyDeps(svc);
    // A fresh resolver on the counted fetch, so DID documents are counted too.
    const { reads, deps } = counted(base);
    const run = { ...deps, resolveDid: createDidResolver({ fetch: deps.fetch }) };
    const entries = [
      ...jwts.map((text, i) => ({ reference: `S-${i}`, text })),
      { reference: "QR", text: compactCredential.encode(jwts[0]!) ?? "" },
      { reference: "REV", text: revokedJwt },
      { reference: "TAMPERED", text: tamper(jwts[1]!) },
      { reference: "NOISE", text: "not a credential" },
      { reference: "EMPTY", text: "" },
    ];
    const batches: number[] = [];
    const rows = await verifyRoster(entries, run, {
      concurrency: 4,
      progressIntervalMs: 0,
      onRows: (r) => batches.push(r.length),
    });
    expect(rows.map((r) => [r.reference, r.verdict, r.code])).toEqual([
      ["S-0", "valid", "VERIFIED"],
      ["S-1", "valid", "VERIFIED"],
      ["S-2", "valid", "VERIFIED"],
      ["S-3", "valid", "VERIFIED"],
      ["S-4", "valid", "VERIFIED"],
      ["S-5", "valid", "VERIFIED"],
      ["QR", "valid", "VERIFIED"],
      ["REV", "invalid", "REVOKED"],
      ["TAMPERED", "invalid", "SIGNATURE_INVALID"],
      ["NOISE", "invalid", "MALFORMED_JWT"],
      ["EMPTY", "invalid", "MALFORMED_JWT"],
    ]);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(entries.length);
    const first = rows[0]!;
    expect(first).toMatchObject({
      row: 1,
      kind: "credential",
      subjectName: "Dr Roster 0",
      type: "Medical licence",
      status: "active",
      issuerName: expect.stringMatching(/Eastland/) as unknown as string,
    });
    expect(first.issuerDid).toMatch(/^did:web:/);
    expect(rows[7]).toMatchObject({ status: "revoked", subjectName: "Dr Revoked" });
    expect(rows[9]).toMatchObject({ kind: "unreadable", subjectName: "" });
    // One DID document and the issuer's two lists (revocation, suspension), one anchor each.
    expect(reads).toEqual({ requests: 3, ledger: 2 });
  });

  it("stops taking rows when aborted", async () => {
    const deps = await serverVerifyDeps(svc);
    const controller = new AbortController();
    const entries = Array.from({ length: 50 }, () => ({ reference: "", text: jwts[0]! }));
    const rows = await verifyRoster(entries, deps, {
      concurrency: 2,
      progressIntervalMs: 0,
      onRows: (_r, done) => {
        if (done >= 5) controller.abort();
      },
      signal: controller.signal,
    });
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.length).toBeLessThan(10);
  });
});
