import { privateKeyToAccount } from "viem/accounts";
import { createPublicClient, http, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilKey } from "@/lib/issuance/ledger-keys";
import { issuerRegistryAbi } from "@/lib/ledger/abi";
import { LedgerUnavailableError } from "@/lib/ledger/reader";
import { createRegistryReader, type RegistryReader } from "@/lib/ledger/registry-reader";
import {
  accreditIssuer,
  deployIssuerRegistry,
  RegistryRejectedError,
  transferGovernance,
  withdrawAccreditation,
  type RegistryWriteConfig,
} from "@/lib/ledger/writer";
import { startAnvil, type Anvil } from "@/scripts/support/anvil";
import { freePort } from "@/scripts/support/test-stack";

// The IssuerRegistry contract and its reader/writer against a real anvil.

const governanceKey = anvilKey(9);
const governance = privateKeyToAccount(governanceKey).address;
const outsiderKey = anvilKey(1);
const nextGovernanceKey = anvilKey(8);

const SCHOOL = "did:web:school.test:issuers:northbridge";
const BOARD = "did:web:board.test:issuers:eastland";
const from = new Date("2025-01-01T00:00:00Z");
const until = new Date("2030-01-01T00:00:00Z");

let anvil: Anvil;
let registryAddress: Address;
let reader: RegistryReader;
let asGovernance: RegistryWriteConfig;
let asOutsider: RegistryWriteConfig;

beforeAll(async () => {
  anvil = await startAnvil({ port: await freePort() });
  const chain = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId };
  ({ address: registryAddress } = await deployIssuerRegistry({
    ...chain,
    privateKey: anvilKey(0),
    governance,
  }));
  reader = createRegistryReader({ ...chain, registryAddress });
  asGovernance = { ...chain, registryAddress, privateKey: governanceKey };
  asOutsider = { ...chain, registryAddress, privateKey: outsiderKey };
});

afterAll(async () => {
  await anvil?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<RegistryRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryRejectedError);
  return error as RegistryRejectedError;
}

describe("IssuerRegistry on a real chain", () => {
  it("starts empty, governed by the account given to the constructor", async () => {
    const snapshot = await reader.snapshot();
    expect(snapshot.governance).toBe(governance);
    expect(snapshot.issuers).toEqual([]);
    expect(snapshot.registryAddress).toBe(registryAddress);
  });

  it("lets only governance accredit and withdraw", async () => {
    const accredit = await rejection(
      accreditIssuer(asOutsider, {
        did: SCHOOL,
        name: "Rogue School",
        credentialTypes: ["MedicalDegreeCredential"],
        validFrom: from,
        validUntil: until,
      }),
    );
    expect(accredit.reason).toBe("NOT_GOVERNANCE");
    expect(accredit.status).toBe(403);
    expect(accredit.message).toContain(privateKeyToAccount(outsiderKey).address);
    expect((await reader.snapshot()).issuers).toEqual([]);
  });

  it("accredits a DID for a set of types and a period, and emits an event", async () => {
    const result = await accreditIssuer(asGovernance, {
      did: SCHOOL,
      name: "Northbridge University School of Medicine",
      credentialTypes: ["MedicalDegreeCredential", "PostgraduateTrainingCredential"],
      validFrom: from,
      validUntil: until,
    });
    expect(result.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(Math.abs(result.at.getTime() - Date.now())).toBeLessThan(60_000);

    const { issuers } = await reader.snapshot();
    expect(issuers).toEqual([
      {
        did: SCHOOL,
        name: "Northbridge University School of Medicine",
        credentialTypes: ["MedicalDegreeCredential", "PostgraduateTrainingCredential"],
        validFrom: from,
        validUntil: until,
        withdrawnAt: null,
        withdrawalReason: null,
        updatedAt: result.at,
      },
    ]);
    const events = await reader.history();
    expect(events.map((e) => e.kind)).toEqual(["governance-transferred", "accredited"]);
    expect(events[1]).toMatchObject({
      kind: "accredited",
      did: SCHOOL,
      credentialTypes: ["MedicalDegreeCredential", "PostgraduateTrainingCredential"],
      validFrom: from,
      validUntil: until,
      txHash: result.txHash,
      at: result.at,
    });
  });

  it("refuses bad input with the contract's own reasons", async () => {
    const base = { did: BOARD, name: "Board", credentialTypes: ["MedicalLicenseCredential"] };
    const period = await rejection(
      accreditIssuer(asGovernance, { ...base, validFrom: until, validUntil: from }),
    );
    expect([period.reason, period.status]).toEqual(["INVALID_PERIOD", 400]);
    const same = await rejection(
      accreditIssuer(asGovernance, { ...base, validFrom: from, validUntil: from }),
    );
    expect(same.reason).toBe("INVALID_PERIOD");
    const noTypes = await rejection(
      accreditIssuer(asGovernance, {
        ...base,
        credentialTypes: [],
        validFrom: from,
        validUntil: until,
      }),
    );
    expect(noTypes.reason).toBe("INVALID_CREDENTIAL_TYPES");
    const longName = await rejection(
      accreditIssuer(asGovernance, {
        ...base,
        name: "x".repeat(257),
        validFrom: from,
        validUntil: until,
      }),
    );
    expect([longName.reason, longName.message]).toEqual([
      "INVALID_TEXT",
      "name must be between 1 and 256 bytes",
    ]);
    const unknown = await rejection(withdrawAccreditation(asGovernance, { did: BOARD, reason: 0 }));
    expect([unknown.reason, unknown.status]).toEqual(["UNKNOWN_ISSUER", 404]);
  });

  it("re-accrediting replaces the entry in place", async () => {
    await accreditIssuer(asGovernance, {
      did: SCHOOL,
      name: "Northbridge School of Medicine",
      credentialTypes: ["MedicalDegreeCredential"],
      validFrom: from,
      validUntil: new Date("2028-01-01T00:00:00Z"),
    });
    const { issuers } = await reader.snapshot();
    expect(issuers).toHaveLength(1);
    expect(issuers[0]).toMatchObject({
      name: "Northbridge School of Medicine",
      credentialTypes: ["MedicalDegreeCredential"],
      validUntil: new Date("2028-01-01T00:00:00Z"),
    });
  });

  it("withdraws with a reason code, records since when, refuses a second withdrawal, and re-accrediting restores", async () => {
    const withdrawn = await withdrawAccreditation(asGovernance, { did: SCHOOL, reason: 2 });
    const entry = (await reader.snapshot()).issuers[0];
    expect(entry).toMatchObject({ withdrawnAt: withdrawn.at, withdrawalReason: 2 });
    expect(entry?.credentialTypes).toEqual(["MedicalDegreeCredential"]);

    const again = await rejection(withdrawAccreditation(asGovernance, { did: SCHOOL, reason: 1 }));
    expect([again.reason, again.status]).toEqual(["ALREADY_WITHDRAWN", 409]);
    expect(again.message).toContain(withdrawn.at.toISOString());
    expect(
      (await rejection(withdrawAccreditation(asOutsider, { did: SCHOOL, reason: 0 }))).reason,
    ).toBe("NOT_GOVERNANCE");

    const events = await reader.history();
    expect(events.at(-1)).toMatchObject({
      kind: "withdrawn",
      did: SCHOOL,
      reason: 2,
      at: withdrawn.at,
      txHash: withdrawn.txHash,
    });

    await accreditIssuer(asGovernance, {
      did: SCHOOL,
      name: "Northbridge School of Medicine",
      credentialTypes: ["MedicalDegreeCredential"],
      validFrom: from,
      validUntil: until,
    });
    expect((await reader.snapshot()).issuers[0]).toMatchObject({
      withdrawnAt: null,
      withdrawalReason: null,
    });
  });

  it("reads a snapshot of more than one page, in first-accredited order, at one block", async () => {
    // 100 entries per page in the contract: 104 in total makes the reader fetch two pages.
    for (let i = 0; i < 103; i++) {
      await accreditIssuer(asGovernance, {
        did: `did:web:hospital-${i}.test`,
        name: `Hospital ${i}`,
        credentialTypes: ["ClinicalPrivilegesCredential"],
        validFrom: from,
        validUntil: until,
      });
    }
    const snapshot = await reader.snapshot();
    expect(snapshot.issuers).toHaveLength(104);
    expect(snapshot.issuers[0]?.did).toBe(SCHOOL);
    expect(snapshot.issuers[103]?.did).toBe("did:web:hospital-102.test");
    // nothing mined since: the same reading is served from memory
    expect(await reader.snapshot()).toBe(snapshot);

    // the contract's own paging: clamped to 100, empty past the end
    const client = createPublicClient({ transport: http(anvil.rpcUrl) });
    const read = (offset: bigint, limit: bigint) =>
      client.readContract({
        address: registryAddress,
        abi: issuerRegistryAbi,
        functionName: "issuers",
        args: [offset, limit],
      });
    expect(
      await client.readContract({
        address: registryAddress,
        abi: issuerRegistryAbi,
        functionName: "issuerCount",
      }),
    ).toBe(104n);
    expect((await read(0n, 1000n)).length).toBe(100);
    expect((await read(102n, 5n)).map((e) => e.did)).toEqual([
      "did:web:hospital-101.test",
      "did:web:hospital-102.test",
    ]);
    expect(await read(104n, 5n)).toEqual([]);
  });

  it("transfers governance: the old account loses its rights, the new one gains them", async () => {
    const next = privateKeyToAccount(nextGovernanceKey).address;
    expect((await rejection(transferGovernance(asOutsider, next))).reason).toBe("NOT_GOVERNANCE");
    await transferGovernance(asGovernance, next);
    expect((await reader.snapshot()).governance).toBe(next);
    expect(
      (await rejection(withdrawAccreditation(asGovernance, { did: SCHOOL, reason: 0 }))).reason,
    ).toBe("NOT_GOVERNANCE");
    await withdrawAccreditation(
      { ...asGovernance, privateKey: nextGovernanceKey },
      { did: SCHOOL, reason: 0 },
    );
    const transfers = (await reader.history()).filter((e) => e.kind === "governance-transferred");
    expect(transfers).toMatchObject([
      {
        previousGovernance: "0x0000000000000000000000000000000000000000",
        newGovernance: governance,
      },
      { previousGovernance: governance, newGovernance: next },
    ]);
  });

  it("reports an unreachable chain or a missing contract as unavailable, not as empty", async () => {
    const dead = createRegistryReader({
      rpcUrl: `http://127.0.0.1:${await freePort()}`,
      chainId: anvil.chainId,
      registryAddress,
    });
    await expect(dead.snapshot()).rejects.toBeInstanceOf(LedgerUnavailableError);
    const noContract = createRegistryReader({
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      registryAddress: governance,
    });
    await expect(noContract.snapshot()).rejects.toThrow(/no IssuerRegistry contract at/);
    const wrongChain = createRegistryReader({
      rpcUrl: anvil.rpcUrl,
      chainId: 1,
      registryAddress,
    });
    await expect(wrongChain.snapshot()).rejects.toThrow(/serves chain 31337, expected chain 1/);
  });
});
