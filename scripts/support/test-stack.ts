import { createServer } from "node:net";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { openDatabase, openMemoryDatabase, type DbHandle } from "@/lib/db/client";
import { deployIssuerRegistry, deployStatusListAnchor } from "@/lib/ledger/writer";
import type { LedgerConfig } from "@/lib/ledger/reader";
import { anvilKey } from "@/lib/issuance/ledger-keys";
import { createServices, seedDemoIssuers, type IssuanceServices } from "@/lib/issuance/services";
import { startAnvil, type Anvil } from "./anvil";

/**
 * The real parts, for tests and benchmarks that run in Node: a fresh anvil on a free port with
 * the anchor contract and the trust registry deployed, and a fresh in-memory PGlite (or the
 * PostgreSQL database named by TEST_DATABASE_URL) with the demo issuers seeded and accredited.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type TestChain = {
  anvil: Anvil;
  config: LedgerConfig;
  /** The IssuerRegistry, governed by `governanceKey` (anvil account #9, as in dev). */
  registryAddress: Address;
  governanceKey: Hex;
  stop(): Promise<void>;
};

/** The test (and dev) accreditation authority: anvil account #9, which no demo issuer uses. */
export const TEST_GOVERNANCE_KEY = anvilKey(9);

/** `statePath` keeps the chain in a file, so a test can stop anvil and start it again. */
export async function startTestChain(
  opts: { port?: number; statePath?: string } = {},
): Promise<TestChain> {
  const anvil = await startAnvil({
    port: opts.port ?? (await freePort()),
    statePath: opts.statePath,
  });
  const { address } = await deployStatusListAnchor({
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    privateKey: anvilKey(0),
  });
  const registry = await deployIssuerRegistry({
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    privateKey: anvilKey(0),
    governance: privateKeyToAccount(TEST_GOVERNANCE_KEY).address,
  });
  return {
    anvil,
    config: { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, contractAddress: address as Address },
    registryAddress: registry.address,
    governanceKey: TEST_GOVERNANCE_KEY,
    stop: () => anvil.stop(),
  };
}

export const TEST_PUBLIC_URL = "https://vitae.test";
export const TEST_SECRET = "0f".repeat(32);
export const TEST_API_KEYS = {
  "northbridge-medicine": "test-key-northbridge-0001",
  "eastland-licensing": "test-key-eastland-0000001",
  "st-aurelia-hospital": "test-key-staurelia-000001",
};

export const TEST_GOVERNANCE_API_KEY = "test-key-governance-00001";
export const TEST_ADMIN_PASSWORDS = {
  "northbridge-medicine": "test-admin-northbridge-1",
  "eastland-licensing": "test-admin-eastland-0001",
  "st-aurelia-hospital": "test-admin-staurelia-001",
};

export async function startTestServices(
  chain: TestChain,
  opts: Pick<Parameters<typeof createServices>[0], "statusLists" | "anchoring"> = {},
): Promise<{ svc: IssuanceServices; db: DbHandle }> {
  // TEST_DATABASE_URL runs the same tests on PostgreSQL (give it an empty database).
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const db = databaseUrl ? await openDatabase({ databaseUrl }) : await openMemoryDatabase();
  const svc = createServices({
    db: db.db,
    secret: TEST_SECRET,
    publicUrl: TEST_PUBLIC_URL,
    ledgerConfig: chain.config,
    ...opts,
    registryAddress: chain.registryAddress,
    governanceKey: chain.governanceKey,
    governanceApiKey: TEST_GOVERNANCE_API_KEY,
    allowLoopbackWebhooks: true,
  });
  await seedDemoIssuers(svc, TEST_API_KEYS, TEST_ADMIN_PASSWORDS);
  // Closing stops the anchoring worker first, so no timer touches a closed database.
  const close = async () => {
    await svc.bulk.stop();
    await svc.anchoring.stop();
    await db.close();
  };
  return { svc, db: { ...db, close } };
}
