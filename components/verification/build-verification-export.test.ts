import { describe, expect, it } from "vitest";
import {
  fixtures,
  happyDeps,
  json,
  NOW,
  payloadOf,
  registrySnapshot,
} from "@/lib/credentials/__fixtures__/harness";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import type { VerificationResult } from "@/lib/credentials/verification";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import {
  buildVerificationExport,
  VERIFICATION_EXPORT_FORMAT,
  verificationExportFileName,
} from "./build-verification-export";

const checkedAt = new Date("2026-06-01T12:00:05.123Z");
const tx = { txHash: `0x${"ab".repeat(32)}`, blockNumber: 42 };

async function verified(jwt: string, overrides: Parameters<typeof happyDeps>[0] = {}) {
  const { deps } = await happyDeps(overrides);
  return verifyCredential(jwt, deps) as Promise<VerificationResult<DecodedCredential>>;
}

describe("buildVerificationExport", () => {
  it("records a valid credential: verdict, every check with its code, anchor with its transaction, trust and the JWT", async () => {
    const result = await verified(fixtures.jwts.credential);
    const exported = buildVerificationExport({
      jwt: fixtures.jwts.credential,
      result,
      checkedAt,
      anchorTransaction: tx,
    });
    expect(exported).toMatchObject({
      format: VERIFICATION_EXPORT_FORMAT,
      version: 1,
      verdict: "valid",
      verdictLabel: "Valid",
      verified: true,
      checkedAt: "2026-06-01T12:00:05.123Z",
      checkedBy: "Vitae, in the verifier's browser",
      jwt: fixtures.jwts.credential,
    });
    expect(exported.checks.map((c) => [c.id, c.outcome, c.code])).toEqual([
      ["format", "passed", "FORMAT_OK"],
      ["signature", "passed", "SIGNATURE_VALID"],
      ["validity", "passed", "VALIDITY_OK"],
      ["status", "passed", "STATUS_ACTIVE"],
      ["anchor", "passed", "ANCHOR_MATCH"],
      ["trust", "passed", "TRUST_ACCREDITED"],
    ]);
    expect(exported.checks[4]?.name).toBe("Ledger anchor");
    expect(exported.anchor).toMatchObject({
      code: "ANCHOR_MATCH",
      ok: true,
      version: 1,
      lists: 2,
      transaction: tx,
    });
    expect(typeof exported.anchor?.ageSeconds).toBe("number");
    expect(exported.trust).toMatchObject({
      code: "TRUST_ACCREDITED",
      ok: true,
      issuerName: "Demo Medical Board",
      chainId: 31337,
      block: 7,
    });
    const subject = payloadOf(fixtures.jwts.credential) as {
      vc: { credentialSubject: { name?: string } };
    };
    expect(exported.credential).toMatchObject({
      type: "MedicalLicenseCredential",
      issuer: { did: "did:web:issuer.test:issuers:demo", name: "Demo Medical Board" },
      holder: { name: subject.vc.credentialSubject.name ?? null },
      validUntil: "2030-01-01T00:00:00.000Z",
    });
    // A plain JSON value: it survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it("records a tampered credential as not valid, and never attaches an anchor transaction to it", async () => {
    const [h, , s] = fixtures.jwts.credential.split(".");
    const payload = payloadOf(fixtures.jwts.credential) as {
      vc: { credentialSubject: { name: string } };
    };
    payload.vc.credentialSubject.name = "Dr. Mallory";
    const tampered = `${h}.${json(payload)}.${s}`;
    const exported = buildVerificationExport({
      jwt: tampered,
      result: await verified(tampered),
      checkedAt,
      anchorTransaction: tx,
    });
    expect(exported.verdict).toBe("invalid");
    expect(exported.verdictLabel).toBe("Not valid");
    expect(exported.verified).toBe(false);
    expect(exported.checks.find((c) => c.id === "signature")).toMatchObject({
      outcome: "failed",
      code: "SIGNATURE_INVALID",
    });
    expect(exported.anchor).toMatchObject({ ok: null, transaction: null });
    // What the credential claims is still recorded, as the evidence of what was shown.
    expect(exported.credential?.holder.name).toBe("Dr. Mallory");
    expect(exported.jwt).toBe(tampered);
  });

  it("records an unaccredited issuer with the trust code", async () => {
    const result = await verified(fixtures.jwts.credential, {
      trust: registrySnapshot([
        { did: "did:web:other.test", name: "Other", credentialTypes: ["MedicalLicenseCredential"] },
      ]),
    });
    const exported = buildVerificationExport({ jwt: fixtures.jwts.credential, result, checkedAt });
    expect(exported.verdict).toBe("invalid");
    expect(exported.trust).toMatchObject({ code: "ISSUER_UNKNOWN", ok: false, issuerName: null });
    expect(exported.credential?.issuer.name).toBeNull();
  });

  it("records input that is not a credential with no credential section and the text as given", async () => {
    const result = await verified("not a credential");
    const exported = buildVerificationExport({ jwt: " not a credential\n", result, checkedAt });
    expect(exported.verdict).toBe("invalid");
    expect(exported.credential).toBeNull();
    expect(exported.checks[0]).toMatchObject({ id: "format", outcome: "failed" });
    expect(exported.jwt).toBe("not a credential");
  });

  it("says 'not checked' for a check that could not be made, and the verdict is never valid", async () => {
    const result = await verified(fixtures.jwts.credential, {
      trust: {
        state: "unavailable",
        registry: { chainId: 31337, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" },
        reason: "The ledger did not answer.",
        readAt: NOW.toISOString(),
      },
    });
    const exported = buildVerificationExport({ jwt: fixtures.jwts.credential, result, checkedAt });
    const trust = exported.checks.find((c) => c.id === "trust");
    expect(trust?.outcome).toBe("not checked");
    expect(trust?.ok).toBeNull();
    expect(exported.verdict).toBe("unknown");
    expect(exported.verified).toBe(false);
  });
});

describe("verificationExportFileName", () => {
  it("names the file by time and credential id, and nothing personal", async () => {
    const result = await verified(fixtures.jwts.credential);
    const exported = buildVerificationExport({ jwt: fixtures.jwts.credential, result, checkedAt });
    const name = verificationExportFileName(exported);
    expect(name).toMatch(/^vitae-verification-2026-06-01T12-00-05Z(-[A-Za-z0-9-]+)?\.json$/);
    expect(name).not.toMatch(/[:/\\ ]/);
  });
});
