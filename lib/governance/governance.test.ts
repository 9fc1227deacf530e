import { demoIssuers } from "@/lib/issuance/demo-issuers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { findIssuer, type Issuer } from "@/lib/issuance/authenticate-issuer";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { readTrustRegistry } from "@/lib/issuance/issuer-directory";
import { seedAccreditations } from "@/lib/issuance/seed-accreditations";
import { verifyOnServer } from "@/lib/issuance/server-verifier";
import { createServices, type IssuanceServices } from "@/lib/issuance/services";
import {
  startTestChain,
  startTestServices,
  TEST_GOVERNANCE_API_KEY,
  TEST_PUBLIC_URL,
  TEST_SECRET,
  type TestChain,
} from "@/scripts/support/test-stack";
import { authenticateGovernance } from "./authenticate-governance";
import { governanceAccess } from "./governance-access";
import { recordAccreditation } from "./record-accreditation";
import { recordWithdrawal } from "./record-withdrawal";
import { accreditationBodySchema } from "./schemas";

// The trust registry end to end on the real stack (anvil + PGlite): the dev seed accredits the
// demo issuers, and what the governance account changes on chain is what server verification sees.

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
let licensing: Issuer;

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  close = started.db.close;
  licensing = await findIssuer(svc, "eastland-licensing");
});

afterAll(async () => {
  await close?.();
  await chain?.stop();
});

const licence = {
  type: "MedicalLicenseCredential" as const,
  subject: { name: "Dr Amira Haddad", licenseNumber: "EL-2001", jurisdiction: "Eastland" },
};

async function trustOf(jwt: string) {
  const result = await verifyOnServer(svc, jwt);
  const trust = result.checks.find((c) => c.id === "trust")!;
  return { verified: result.verified, ...trust };
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString();
}

describe("the trust registry seen by server verification", () => {
  it("seeds every demo issuer with its types, once", async () => {
    const snapshot = await readTrustRegistry(svc);
    if (snapshot.state !== "read") throw new Error("registry not read");
    expect(snapshot.issuers.map((i) => [i.name, i.credentialTypes])).toEqual(
      demoIssuers.map((d) => [d.name, [...d.credentialTypes]]),
    );
    expect(snapshot.issuers[1]?.did).toBe(licensing.did);
    expect(snapshot.governance).toBe(governanceAccess(svc).account);

    const before = (await svc.registry.reader.history()).length;
    await seedAccreditations(svc);
    expect((await svc.registry.reader.history()).length).toBe(before);
  });

  it("accredited → withdrawn → re-accredited for other types → restored, each seen at once", async () => {
    const { jwt } = await issueCredential(svc, licensing, licence);
    expect(await trustOf(jwt)).toMatchObject({
      verified: true,
      ok: true,
      code: "TRUST_ACCREDITED",
      details: { issuerName: "Eastland Medical Licensing Authority" },
    });

    const withdrawal = await recordWithdrawal(svc, {
      did: licensing.did,
      reason: "NON_COMPLIANCE",
    });
    expect(withdrawal.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const withdrawn = await trustOf(jwt);
    expect(withdrawn).toMatchObject({
      verified: false,
      ok: false,
      code: "ACCREDITATION_WITHDRAWN",
      details: { withdrawnAt: withdrawal.at, withdrawalReason: "Accreditation standards not met" },
    });
    expect(withdrawn.message).toContain(`withdrawn on ${withdrawal.at.slice(0, 10)}`);

    const body = accreditationBodySchema.parse({
      did: licensing.did,
      name: "Eastland Medical Licensing Authority",
      credentialTypes: ["SpecialtyCertificationCredential"],
      validFrom: day(-1),
      validUntil: day(365),
    });
    await recordAccreditation(svc, body);
    expect(await trustOf(jwt)).toMatchObject({ ok: false, code: "NOT_ACCREDITED_FOR_TYPE" });

    await recordAccreditation(svc, {
      ...body,
      validFrom: day(30),
      credentialTypes: [licence.type],
    });
    expect(await trustOf(jwt)).toMatchObject({ ok: false, code: "ACCREDITATION_NOT_YET_VALID" });

    await recordAccreditation(svc, { ...body, credentialTypes: [licence.type] });
    expect(await trustOf(jwt)).toMatchObject({ verified: true, code: "TRUST_ACCREDITED" });
  });

  it("turns contract refusals into specific 4xx errors", async () => {
    const unknown = await recordWithdrawal(svc, {
      did: "did:web:nobody.test",
      reason: "UNSPECIFIED",
    }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: "NOT_FOUND", status: 404 });
    expect((unknown as Error).message).toBe("did:web:nobody.test has never been accredited");

    await recordWithdrawal(svc, { did: licensing.did, reason: "UNSPECIFIED" });
    const twice = await recordWithdrawal(svc, { did: licensing.did, reason: "UNSPECIFIED" }).catch(
      (e: unknown) => e,
    );
    expect(twice).toMatchObject({ code: "CONFLICT", status: 409 });
    await recordAccreditation(
      svc,
      accreditationBodySchema.parse({
        did: licensing.did,
        name: "Eastland Medical Licensing Authority",
        credentialTypes: [licence.type],
        validFrom: day(-1),
        validUntil: day(365),
      }),
    );
  });

  it("validates accreditation input before it reaches the chain", () => {
    const parsed = accreditationBodySchema.safeParse({
      did: "not a did",
      name: " ",
      credentialTypes: ["MedicalLicenseCredential", "MedicalLicenseCredential"],
      validFrom: "2026-01-01",
      validUntil: "2025-01-01",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["did", "name", "credentialTypes"]));
    const period = accreditationBodySchema.safeParse({
      did: "did:web:x.test",
      name: "X Hospital",
      credentialTypes: ["CompetencyCredential"],
      validFrom: "2026-01-01",
      validUntil: "2025-01-01",
    });
    expect(period.error?.issues.map((i) => i.path.join("."))).toEqual(["validUntil"]);
  });

  it("reports the registry as unknown (never valid) when it cannot be read, and the API as 503", async () => {
    const { jwt } = await issueCredential(svc, licensing, licence);
    const blind = createServices({
      db: svc.db,
      secret: TEST_SECRET,
      publicUrl: TEST_PUBLIC_URL,
      ledgerConfig: chain.config,
      registryAddress: chain.config.contractAddress, // the anchor contract: no registry there
    });
    const result = await verifyOnServer(blind, jwt);
    expect(result.checks.find((c) => c.id === "trust")).toMatchObject({
      ok: null,
      code: "TRUST_REGISTRY_UNAVAILABLE",
    });
    expect(result.checks.find((c) => c.id === "anchor")?.code).toBe("ANCHOR_MATCH");
    expect(result.verified).toBe(false);
    const error = await readTrustRegistry(blind).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "TRUST_REGISTRY_UNAVAILABLE", status: 503 });
  });
});

describe("governance sign-in", () => {
  it("accepts only the configured key, compared by hash", () => {
    expect(() => authenticateGovernance(svc, `Bearer ${TEST_GOVERNANCE_API_KEY}`)).not.toThrow();
    expect(() => authenticateGovernance(svc, "Bearer wrong-key-wrong-key")).toThrow(
      "The governance API key is not valid.",
    );
    expect(() => authenticateGovernance(svc, null)).toThrow(/Authorization: Bearer/);
    expect(svc.registry.governanceApiKeyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is closed when no key is configured, and cannot write without the authority's key", async () => {
    const bare = createServices({
      db: svc.db,
      secret: TEST_SECRET,
      publicUrl: TEST_PUBLIC_URL,
      ledgerConfig: chain.config,
      registryAddress: chain.registryAddress,
    });
    expect(() => authenticateGovernance(bare, `Bearer ${TEST_GOVERNANCE_API_KEY}`)).toThrow(
      /not enabled/,
    );
    expect(governanceAccess(bare).account).toBeNull();
    await expect(
      recordWithdrawal(bare, { did: licensing.did, reason: "UNSPECIFIED" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
