import { describe, expect, it } from "vitest";
import { evaluateTrust, issuerName } from "./evaluate-trust";
import { trustSnapshotSchema, type TrustSnapshot } from "./schemas";

const snapshot: TrustSnapshot = trustSnapshotSchema.parse({
  issuers: [
    {
      did: "did:web:board.test",
      name: "Medical Board",
      slug: "board",
      credentialTypes: ["MedicalLicenseCredential"],
      extra: 1,
    },
  ],
  source: "https://vitae.test/api/v1/issuers",
  fetchedAt: "2026-06-01T00:00:00Z",
});

describe("evaluateTrust", () => {
  it("accredits a listed issuer for its credential types", () => {
    expect(evaluateTrust("did:web:board.test", "MedicalLicenseCredential", snapshot)).toMatchObject(
      {
        id: "trust",
        ok: true,
        code: "TRUST_ACCREDITED",
        details: { issuerName: "Medical Board", registry: "https://vitae.test/api/v1/issuers" },
      },
    );
  });

  it("fails an unknown issuer and a type the issuer is not accredited for", () => {
    expect(
      evaluateTrust("did:web:nobody.test", "MedicalLicenseCredential", snapshot),
    ).toMatchObject({
      ok: false,
      code: "ISSUER_UNKNOWN",
    });
    expect(evaluateTrust("did:web:board.test", "SpecialtyCredential", snapshot)).toMatchObject({
      ok: false,
      code: "NOT_ACCREDITED_FOR_TYPE",
    });
  });

  it("names issuers from the snapshot", () => {
    expect(issuerName("did:web:board.test", snapshot)).toBe("Medical Board");
    expect(issuerName("did:web:nobody.test", snapshot)).toBeUndefined();
  });
});
