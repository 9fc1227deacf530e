import { describe, expect, it } from "vitest";
import { verificationCodes } from "@/lib/credentials/verification";
import { evaluateTrust, issuerName } from "./evaluate-trust";
import { trustSnapshotSchema, type Accreditation, type TrustSnapshot } from "./schemas";

const BOARD = "did:web:board.test";
const LICENCE = "MedicalLicenseCredential";
const NOW = new Date("2026-06-01T12:00:00Z");
const registry = { chainId: 31337, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };

function entry(change: Partial<Accreditation> = {}): Accreditation {
  return {
    did: BOARD,
    name: "Medical Board",
    credentialTypes: [LICENCE, "SpecialtyCertificationCredential"],
    validFrom: "2025-01-01T00:00:00.000Z",
    validUntil: "2030-01-01T00:00:00.000Z",
    withdrawnAt: null,
    withdrawalReason: null,
    updatedAt: "2025-01-01T00:00:00.000Z",
    ...change,
  };
}

// Parsed, so every test also proves the snapshot is what the schema accepts (and JSON-safe).
function snapshot(...issuers: Accreditation[]): TrustSnapshot {
  return trustSnapshotSchema.parse(
    JSON.parse(
      JSON.stringify({
        state: "read",
        registry,
        governance: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
        blockNumber: 42,
        readAt: NOW.toISOString(),
        issuers,
      }),
    ),
  );
}

describe("evaluateTrust", () => {
  it("accredits an issuer in force for the type, and says until when and from which registry", () => {
    const result = evaluateTrust(BOARD, LICENCE, snapshot(entry()), NOW);
    expect(result).toMatchObject({
      id: "trust",
      ok: true,
      code: "TRUST_ACCREDITED",
      details: {
        issuerName: "Medical Board",
        accreditedUntil: "2030-01-01T00:00:00.000Z",
        registry: registry.address,
        registryChainId: 31337,
        registryBlock: 42,
      },
    });
    expect(result.message).toContain("until 2030-01-01");
  });

  it("fails an issuer the registry does not know", () => {
    expect(evaluateTrust("did:web:nobody.test", LICENCE, snapshot(entry()), NOW)).toMatchObject({
      ok: false,
      code: "ISSUER_UNKNOWN",
      message: verificationCodes.ISSUER_UNKNOWN,
    });
    expect(evaluateTrust(BOARD, LICENCE, snapshot(), NOW).code).toBe("ISSUER_UNKNOWN");
  });

  it("fails a type the issuer is not accredited for", () => {
    expect(evaluateTrust(BOARD, "MedicalDegreeCredential", snapshot(entry()), NOW)).toMatchObject({
      ok: false,
      code: "NOT_ACCREDITED_FOR_TYPE",
      message: "Medical Board is not accredited to issue MedicalDegreeCredential.",
    });
  });

  it("fails a withdrawn accreditation and says since when and why", () => {
    const withdrawn = entry({ withdrawnAt: "2026-05-20T09:30:00.000Z", withdrawalReason: 2 });
    const result = evaluateTrust(BOARD, LICENCE, snapshot(withdrawn), NOW);
    expect(result).toMatchObject({
      ok: false,
      code: "ACCREDITATION_WITHDRAWN",
      details: {
        withdrawnAt: "2026-05-20T09:30:00.000Z",
        withdrawalReason: "Accreditation standards not met",
      },
    });
    expect(result.message).toBe(
      "The accreditation of Medical Board was withdrawn on 2026-05-20 (Accreditation standards not met).",
    );
    // withdrawal outranks the type: nothing this issuer signs is vouched for any more
    expect(evaluateTrust(BOARD, "OtherCredential", snapshot(withdrawn), NOW).code).toBe(
      "ACCREDITATION_WITHDRAWN",
    );
    const noReason = entry({ withdrawnAt: "2026-05-20T09:30:00.000Z", withdrawalReason: 0 });
    expect(evaluateTrust(BOARD, LICENCE, snapshot(noReason), NOW).message).toBe(
      "The accreditation of Medical Board was withdrawn on 2026-05-20.",
    );
  });

  it("fails an accreditation that has not started, and one that has ended (end exclusive)", () => {
    const future = entry({ validFrom: "2026-07-01T00:00:00.000Z" });
    expect(evaluateTrust(BOARD, LICENCE, snapshot(future), NOW)).toMatchObject({
      ok: false,
      code: "ACCREDITATION_NOT_YET_VALID",
      message: "The accreditation of Medical Board starts on 2026-07-01.",
    });
    const ended = entry({ validUntil: "2026-01-01T00:00:00.000Z" });
    expect(evaluateTrust(BOARD, LICENCE, snapshot(ended), NOW)).toMatchObject({
      ok: false,
      code: "ACCREDITATION_EXPIRED",
      message: "The accreditation of Medical Board ended on 2026-01-01.",
    });
    const endsNow = entry({ validUntil: NOW.toISOString() });
    expect(evaluateTrust(BOARD, LICENCE, snapshot(endsNow), NOW).code).toBe(
      "ACCREDITATION_EXPIRED",
    );
    const startsNow = entry({ validFrom: NOW.toISOString() });
    expect(evaluateTrust(BOARD, LICENCE, snapshot(startsNow), NOW).code).toBe("TRUST_ACCREDITED");
  });

  it("is unknown, never valid, when the registry could not be read", () => {
    const unavailable = trustSnapshotSchema.parse({
      state: "unavailable",
      registry,
      readAt: NOW.toISOString(),
      reason: "trust registry unavailable at 127.0.0.1:8545: HTTP request failed.",
    });
    expect(evaluateTrust(BOARD, LICENCE, unavailable, NOW)).toMatchObject({
      ok: null,
      code: "TRUST_REGISTRY_UNAVAILABLE",
      details: { issuerDid: BOARD, registry: registry.address },
    });
    expect(issuerName(BOARD, unavailable)).toBeUndefined();
  });

  it("names issuers from the snapshot", () => {
    expect(issuerName(BOARD, snapshot(entry()))).toBe("Medical Board");
    expect(issuerName("did:web:nobody.test", snapshot(entry()))).toBeUndefined();
  });
});

describe("trustSnapshotSchema", () => {
  it("rejects a reading without the registry it came from or with a bad date", () => {
    expect(
      trustSnapshotSchema.safeParse({ state: "read", issuers: [], readAt: NOW.toISOString() })
        .success,
    ).toBe(false);
    const bad = { ...snapshot(), issuers: [{ ...entry(), validUntil: "next year" }] };
    expect(trustSnapshotSchema.safeParse(bad).success).toBe(false);
  });
});
