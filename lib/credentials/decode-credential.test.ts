import { describe, expect, it } from "vitest";
import { fixtures, HOLDER_DID, ISSUER_DID, json, reissue } from "./__fixtures__/harness";
import { decodeCredential } from "./decode-credential";

async function decode(change: Parameters<typeof reissue>[0]) {
  return decodeCredential(await reissue(change));
}

describe("decodeCredential", () => {
  it("reads the committed credential", () => {
    const result = decodeCredential(fixtures.jwts.credential);
    expect(result).toMatchObject({
      ok: true,
      credential: {
        issuer: ISSUER_DID,
        subject: HOLDER_DID,
        type: "MedicalLicenseCredential",
        id: "urn:uuid:00000000-0000-4000-8000-000000000007",
        issuedAt: new Date("2025-01-01T00:00:00Z"),
        validFrom: new Date("2025-01-01T00:00:00Z"),
        validUntil: new Date("2030-01-01T00:00:00Z"),
      },
    });
  });

  it("takes the earliest end and the latest start across JWT and vc dates", async () => {
    const result = await decode((p) => {
      p.vc.expirationDate = "2029-06-01T00:00:00Z";
      p.vc.validUntil = "2031-01-01T00:00:00Z";
      p.vc.validFrom = "2025-02-01T00:00:00.000+01:00";
      p.vc.issuanceDate = "2024-12-01T00:00:00Z";
    });
    expect(result).toMatchObject({
      ok: true,
      credential: {
        validUntil: new Date("2029-06-01T00:00:00Z"),
        validFrom: new Date("2025-01-31T23:00:00Z"),
      },
    });
  });

  it("refuses an issuer in vc that differs from iss (string or object form)", async () => {
    for (const issuer of ["did:web:other.test", { id: "did:web:other.test" }]) {
      expect(await decode((p) => (p.vc.issuer = issuer))).toMatchObject({
        ok: false,
        code: "ISSUER_MISMATCH",
      });
    }
    expect(await decode((p) => (p.vc.issuer = { id: ISSUER_DID, name: "Demo" }))).toMatchObject({
      ok: true,
    });
  });

  it("refuses a credentialSubject.id that differs from sub, and uses it when sub is absent", async () => {
    expect(
      await decode(
        (p) => ((p.vc.credentialSubject as Record<string, unknown>).id = "did:web:x.test"),
      ),
    ).toMatchObject({
      ok: false,
      code: "SUBJECT_MISMATCH",
    });
    const noSub = await decode((p) => {
      delete p.sub;
      (p.vc.credentialSubject as Record<string, unknown>).id = "did:web:x.test";
    });
    expect(noSub).toMatchObject({ ok: true, credential: { subject: "did:web:x.test" } });
  });

  it("refuses JWTs that are not credentials", async () => {
    const plain = `${json({ alg: "EdDSA" })}.${json({ iss: ISSUER_DID })}.AA`;
    expect(decodeCredential(plain)).toMatchObject({ ok: false, code: "NOT_A_CREDENTIAL" });
    const cases: Parameters<typeof reissue>[0][] = [
      (p) => (p.vc.type = ["MedicalLicenseCredential"]),
      (p) => (p.vc["@context"] = ["https://example.com/ctx"]),
      (p) => delete p.iss,
      (p) => (p.iss = "https://issuer.test"),
      (p) => (p.exp = "2030"),
      (p) => (p.vc.expirationDate = "next year"),
      (p) => (p.vc.credentialSubject = "Dr. Ada"),
    ];
    for (const change of cases) {
      expect(await decode(change)).toMatchObject({ ok: false, code: "NOT_A_CREDENTIAL" });
    }
  });

  it("names the most specific type", async () => {
    const r = await decode((p) => (p.vc.type = ["VerifiableCredential", "SomeOtherCredential"]));
    expect(r.ok && r.credential.type).toBe("SomeOtherCredential");
  });
});
