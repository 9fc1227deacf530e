/**
 * Brings up the whole system with one command and stops it with one Ctrl-C:
 *   1. the embedded EVM chain (anvil, 127.0.0.1, state kept in <data dir>/anvil.json), unless
 *      LEDGER_RPC_URL points at another chain;
 *   2. the StatusListAnchor contract, deployed once per chain (address kept in
 *      <data dir>/deployment.json), unless ANCHOR_CONTRACT_ADDRESS is set;
 *   3. the IssuerRegistry (trust registry), deployed the same way next to it (recorded in the same
 *      file), governed by GOVERNANCE_PRIVATE_KEY's account, unless ISSUER_REGISTRY_ADDRESS is set;
 *   4. the Next.js app (`dev` or `start`), which opens and migrates the database and seeds the
 *      demo issuers, and their accreditations on chain, on its first request.
 *
 * Usage: tsx scripts/stack.ts dev|start [--fresh]
 *   --fresh  deletes the data directory first (the test stack uses this).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import registryArtifact from "../contracts/artifacts/IssuerRegistry.json" with { type: "json" };
import artifact from "../contracts/artifacts/StatusListAnchor.json" with { type: "json" };
import {
  deployIssuerRegistry,
  deployStatusListAnchor,
  hasContractCode,
} from "../lib/ledger/writer";
import { anvilKey } from "../lib/issuance/ledger-keys";
import { startAnvil } from "./support/anvil";
import { loadEnv } from "./support/load-env";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx scripts/stack.ts dev|start [--fresh]");
  process.exit(2);
}
const fresh = process.argv.includes("--fresh");

const env = loadEnv();
const port = Number(env.PORT ?? 3000);
env.PORT = String(port);
env.VITAE_PUBLIC_URL ??= `http://localhost:${port}`;
if (!process.env.VITAE_PUBLIC_URL && env.VITAE_PUBLIC_URL === "http://localhost:3000") {
  env.VITAE_PUBLIC_URL = `http://localhost:${port}`;
}
const dataDir = path.resolve(env.VITAE_DATA_DIR ?? ".data");
env.VITAE_DATA_DIR = dataDir;
env.NEXT_TELEMETRY_DISABLED = "1";
if (fresh) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const children: ChildProcess[] = [];
let stopAnvil: (() => Promise<void>) | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
  );
  await stopAnvil?.();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

type Deployment = {
  chainId: number;
  address: `0x${string}`;
  bytecodeHash: string;
  registry?: { address: `0x${string}`; bytecodeHash: string };
};

function readDeployment(file: string): Deployment | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Deployment) : null;
}

/** The trust registry, deployed once per chain like the anchor contract and recorded with it. */
async function ensureIssuerRegistry(rpcUrl: string, chainId: number): Promise<`0x${string}`> {
  const file = path.join(dataDir, "deployment.json");
  const bytecodeHash = createHash("sha256").update(registryArtifact.bytecode).digest("hex");
  const known = readDeployment(file);
  let address =
    known?.chainId === chainId && known.registry?.bytecodeHash === bytecodeHash
      ? known.registry.address
      : null;
  if (address && !(await hasContractCode(rpcUrl, address))) {
    console.warn(
      "registry  the recorded IssuerRegistry is gone (the chain was reset); deploying a new one.",
    );
    address = null;
  }
  if (address) {
    console.log(`registry  IssuerRegistry at ${address}`);
    return address;
  }
  const privateKey = (env.LEDGER_PRIVATE_KEY ?? (chainId === 31337 ? anvilKey(0) : undefined)) as
    `0x${string}` | undefined;
  if (!privateKey) {
    throw new Error("Set LEDGER_PRIVATE_KEY (or ISSUER_REGISTRY_ADDRESS) for this chain.");
  }
  const governanceKey = env.GOVERNANCE_PRIVATE_KEY as `0x${string}` | undefined;
  const governance = privateKeyToAccount(governanceKey ?? privateKey).address;
  ({ address } = await deployIssuerRegistry({ rpcUrl, chainId, privateKey, governance }));
  // Re-read: the anchor deployment may have just rewritten the file.
  const current = readDeployment(file);
  if (current?.chainId === chainId) {
    writeFileSync(
      file,
      JSON.stringify(
        { ...current, registry: { address, bytecodeHash } } satisfies Deployment,
        null,
        2,
      ),
    );
  }
  console.log(`registry  IssuerRegistry deployed at ${address}, governed by ${governance}`);
  return address;
}

async function main() {
  if (!process.env.LEDGER_RPC_URL) {
    const anvilPort = Number(env.ANVIL_PORT ?? 8545);
    const anvil = await startAnvil({
      port: anvilPort,
      statePath: path.join(dataDir, "anvil.json"),
    });
    stopAnvil = anvil.stop;
    env.LEDGER_RPC_URL = anvil.rpcUrl;
    env.LEDGER_CHAIN_ID = String(anvil.chainId);
    console.log(
      `chain     anvil at ${anvil.rpcUrl} (chain id ${anvil.chainId}), state in ${dataDir}/anvil.json`,
    );
  }
  const rpcUrl = env.LEDGER_RPC_URL as string;
  const chainId = Number(env.LEDGER_CHAIN_ID ?? 31337);

  if (!env.ANCHOR_CONTRACT_ADDRESS) {
    const file = path.join(dataDir, "deployment.json");
    const bytecodeHash = createHash("sha256").update(artifact.bytecode).digest("hex");
    const known = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Deployment) : null;
    let address =
      known?.chainId === chainId && known.bytecodeHash === bytecodeHash ? known.address : null;
    if (address && !(await hasContractCode(rpcUrl, address))) {
      console.warn(
        "contract  the recorded contract is gone (the chain was reset); deploying a new one.\n" +
          "          Status lists anchored before will show as not anchored: run `npm run reset` for a clean start.",
      );
      address = null;
    }
    if (!address) {
      const privateKey = (env.LEDGER_PRIVATE_KEY ??
        (chainId === 31337 ? anvilKey(0) : undefined)) as `0x${string}` | undefined;
      if (!privateKey)
        throw new Error("Set LEDGER_PRIVATE_KEY (or ANCHOR_CONTRACT_ADDRESS) for this chain.");
      ({ address } = await deployStatusListAnchor({ rpcUrl, chainId, privateKey }));
      writeFileSync(
        file,
        JSON.stringify({ chainId, address, bytecodeHash } satisfies Deployment, null, 2),
      );
      console.log(`contract  StatusListAnchor deployed at ${address}`);
    } else {
      console.log(`contract  StatusListAnchor at ${address}`);
    }
    env.ANCHOR_CONTRACT_ADDRESS = address;
  }

  env.ISSUER_REGISTRY_ADDRESS ??= await ensureIssuerRegistry(rpcUrl, chainId);

  console.log(
    `database  ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${dataDir}/pglite`}`,
  );
  const keys = (env.VITAE_DEMO_API_KEYS ?? "").split(",").filter(Boolean);
  if (keys.length > 0) {
    console.log("issuers   demo issuer API keys (development only):");
    for (const pair of keys) {
      const [slug, key] = pair.split(":");
      console.log(`            ${slug?.padEnd(24)} ${key}`);
    }
  }
  const admins = (env.VITAE_DEMO_ADMIN_PASSWORDS ?? "").split(",").filter(Boolean);
  if (admins.length > 0) {
    console.log("console   demo issuer admins, e-mail / password (development only):");
    for (const pair of admins) {
      const [slug, password] = pair.split(":");
      console.log(`            ${`admin@${slug}.example`.padEnd(36)} ${password}`);
    }
  }
  console.log(`app       ${env.VITAE_PUBLIC_URL}  (Ctrl-C stops everything)\n`);

  const next = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), mode as string, "-p", String(port)],
    { stdio: "inherit", env: { ...env, NODE_ENV: mode === "dev" ? "development" : "production" } },
  );
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch(async (err: unknown) => {
  console.error(`stack: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
