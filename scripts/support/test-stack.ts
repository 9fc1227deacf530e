import { createServer } from "node:net";
import type { Address } from "viem";
import { openDatabase, openMemoryDatabase, type DbHandle } from "@/lib/db/client";
import { deployStatusListAnchor } from "@/lib/ledger/writer";
import type { LedgerConfig } from "@/lib/ledger/reader";
import { anvilKey } from "@/lib/issuance/ledger-keys";
import { createServices, seedDemoIssuers, type IssuanceServices } from "@/lib/issuance/services";
import { startAnvil, type Anvil } from "./anvil";

/**
 * The real parts, for tests and benchmarks that run in Node: a fresh anvil on a free port with
 * the anchor contract deployed, and a fresh in-memory PGlite (or the PostgreSQL database named by
 * TEST_DATABASE_URL) with the demo issuers seeded.
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

export type TestChain = { anvil: Anvil; config: LedgerConfig; stop(): Promise<void> };

export async function startTestChain(port?: number): Promise<TestChain> {
  const anvil = await startAnvil({ port: port ?? (await freePort()) });
  const { address } = await deployStatusListAnchor({
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    privateKey: anvilKey(0),
  });
  return {
    anvil,
    config: { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, contractAddress: address as Address },
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
  });
  await seedDemoIssuers(svc, TEST_API_KEYS);
  // Closing stops the anchoring worker first, so no timer touches a closed database.
  const close = async () => {
    await svc.bulk.stop();
    await svc.anchoring.stop();
    await db.close();
  };
  return { svc, db: { ...db, close } };
}
