import { describe, expect, it } from "vitest";
import { practitionerExport } from "./practitioner-export";
import type { StoredCredential } from "./schemas";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const ISSUER = "did:web:vitae.test:issuers:eastland-licensing";

function stored(
  subject: Record<string, unknown>,
  id: string,
  sub = "did:jwk:holder",
): StoredCredential {
  const payload = {
    iss: ISSUER,
    sub,
    jti: id,
    nbf: 1_767_225_600,
    vc: {
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential", "MedicalLicenseCredential"],
      credentialSubject: subject,
    },
  };
  return {
    id,
    jwt: `${b64({ alg: "ES256", typ: "JWT" })}.${b64(payload)}.c2ln`,
    type: "MedicalLicenseCredential",
    issuerDid: ISSUER,
    issuerName: "Eastland Medical Licensing Authority",
    addedAt: "2026-01-01T00:00:00.000Z",
  };
}

describe("practitionerExport", () => {
  it("makes one qualification per credential, naming the issuer as the wallet filed it", () => {
    const result = practitionerExport([
      stored({ name: "Dr A", licenseNumber: "EL-1", jurisdiction: "Eastland" }, "urn:uuid:1"),
      stored({ name: "Dr A", licenseNumber: "EL-2", jurisdiction: "Eastland" }, "urn:uuid:2"),
    ]);
    if (!result.ok) throw new Error(result.message);
    expect(result.practitioner.resourceType).toBe("Practitioner");
    expect(result.practitioner.qualification).toHaveLength(2);
    expect(result.practitioner.qualification[0]?.issuer?.display).toBe(
      "Eastland Medical Licensing Authority",
    );
  });

  it("refuses an unreadable credential by name and two holders, rather than guessing", () => {
    const broken = { ...stored({ name: "Dr A" }, "urn:uuid:3"), jwt: "a.b.c" };
    expect(practitionerExport([broken])).toMatchObject({
      ok: false,
      code: "UNREADABLE_CREDENTIAL",
      message: expect.stringContaining("Eastland"),
    });
    expect(
      practitionerExport([
        stored({ name: "Dr A" }, "urn:uuid:4", "did:jwk:one"),
        stored({ name: "Dr B" }, "urn:uuid:5", "did:jwk:two"),
      ]),
    ).toMatchObject({ ok: false, code: "SUBJECT_MISMATCH" });
    expect(practitionerExport([])).toMatchObject({ ok: false, code: "NO_CREDENTIALS" });
  });
});
