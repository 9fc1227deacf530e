import { describe, expect, it } from "vitest";
import { check } from "@/lib/credentials/verification";
import type { DecodedCredential } from "@/lib/credentials/schemas";
import { summarizeCredential } from "./summarize-credential";

function decoded(
  subject: Record<string, unknown>,
  over: Partial<DecodedCredential> = {},
): DecodedCredential {
  return {
    jwt: "a.b.c",
    header: {},
    payload: {},
    vc: {
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential", "MedicalLicenseCredential"],
      credentialSubject: subject,
    },
    issuer: "did:web:localhost%3A3000:issuers:gmc",
    subject: "did:key:z6MkDoctor",
    type: "MedicalLicenseCredential",
    id: "urn:uuid:1",
    issuedAt: new Date("2025-01-01T00:00:00Z"),
    validFrom: undefined,
    validUntil: new Date("2030-01-01T00:00:00Z"),
    ...over,
  };
}

const licence = {
  id: "did:key:z6MkDoctor",
  name: "Dr Ada Byron",
  licenseNumber: "GMC-123",
  jurisdiction: "United Kingdom",
  scope: "General practice",
};

describe("summarizeCredential", () => {
  it("reads a medical licence", () => {
    const summary = summarizeCredential(decoded(licence), [
      check("trust", true, "TRUST_ACCREDITED", undefined, {
        issuerName: "General Medical Council",
      }),
    ]);
    expect(summary).toMatchObject({
      title: "Medical licence",
      issuerName: "General Medical Council",
      issuerDid: "did:web:localhost%3A3000:issuers:gmc",
      holderName: "Dr Ada Byron",
      holderDid: "did:key:z6MkDoctor",
      facts: [
        { label: "Licence number", value: "GMC-123" },
        { label: "Jurisdiction", value: "United Kingdom" },
        { label: "Scope of practice", value: "General practice" },
      ],
      conditions: { items: [], unreadable: false },
    });
    // without an explicit start, the credential is valid from its issuance
    expect(summary.validFrom?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("leaves the issuer name empty when the trust registry did not name it", () => {
    expect(summarizeCredential(decoded(licence)).issuerName).toBeUndefined();
  });

  it("lists conditions on practice", () => {
    const summary = summarizeCredential(
      decoded({
        ...licence,
        conditions: [
          { code: "SUPERVISED", text: "Must practise under supervision." },
          { text: "No night shifts." },
        ],
      }),
    );
    expect(summary.conditions).toEqual({
      items: [
        { code: "SUPERVISED", text: "Must practise under supervision." },
        { code: undefined, text: "No night shifts." },
      ],
      unreadable: false,
    });
  });

  it("flags conditions it cannot read instead of dropping them", () => {
    expect(
      summarizeCredential(decoded({ ...licence, conditions: "see letter" })).conditions,
    ).toEqual({
      items: [],
      unreadable: true,
    });
    expect(
      summarizeCredential(
        decoded({ ...licence, conditions: [{ text: "Supervised." }, { code: 7 }] }),
      ).conditions,
    ).toEqual({ items: [{ code: undefined, text: "Supervised." }], unreadable: true });
  });

  it("keeps other fields when one is malformed", () => {
    const summary = summarizeCredential(decoded({ ...licence, licenseNumber: 42 }));
    expect(summary.facts.map((f) => f.label)).toEqual(["Jurisdiction", "Scope of practice"]);
    expect(summary.holderName).toBe("Dr Ada Byron");
  });

  it("titles unknown types readably", () => {
    const summary = summarizeCredential(
      decoded({ name: "Dr Ada Byron" }, { type: "SpecialtyCertificateCredential" }),
    );
    expect(summary.title).toBe("Specialty certificate");
    expect(summary.facts).toEqual([]);
  });
});
