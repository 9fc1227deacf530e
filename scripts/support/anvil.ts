/**
 * Starts a local anvil chain for the dev orchestrator and the ledger tests.
 *
 * The binary from `@foundry-rs/anvil-<platform>-<arch>` is spawned directly, not through npx or
 * the package's bin.mjs wrapper, so `pid` is anvil itself: signalling it stops the chain, and
 * with `statePath` anvil writes its state there on SIGTERM/SIGINT (`--state` = `--load-state` +
 * `--dump-state`). A SIGKILL loses everything since the last start.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Anvil's well-known development mnemonic; its accounts are public, never use them for value. */
export const ANVIL_CHAIN_ID = 31337;

export type StartAnvilOptions = {
  port: number;
  /** File to load the chain from (if it exists) and dump it to on stop. */
  statePath?: string;
  host?: string;
  /** Seconds between blocks; without it every transaction is mined at once. */
  blockTime?: number;
};

export type Anvil = {
  rpcUrl: string;
  chainId: number;
  pid: number;
  /** SIGTERM, then waits for exit (and so for the state dump); SIGKILL after 10 s. */
  stop(): Promise<void>;
};

const readyTimeoutMs = 15_000;
const stopTimeoutMs = 10_000;

export async function startAnvil(options: StartAnvilOptions): Promise<Anvil> {
  const { port, statePath, host = "127.0.0.1", blockTime } = options;
  const args = [
    "--host",
    host,
    "--port",
    String(port),
    "--chain-id",
    String(ANVIL_CHAIN_ID),
    "--silent",
  ];
  if (statePath) {
    mkdirSync(path.dirname(path.resolve(statePath)), { recursive: true });
    args.push("--state", statePath);
  }
  if (blockTime !== undefined) args.push("--block-time", String(blockTime));

  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
  });
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  // An orphaned anvil would hold its port; kill it if this process exits without calling stop().
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);

  const rpcUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  try {
    await Promise.race([
      waitUntilReady(rpcUrl, () => hasExited),
      spawnError,
      exited.then((how) => {
        throw new Error(`anvil exited (${how}) before answering`);
      }),
    ]);
  } catch (error) {
    process.removeListener("exit", killOnExit);
    if (!hasExited) child.kill("SIGKILL");
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `could not start anvil on ${rpcUrl}: ${reason}${output.trim() ? `\nanvil output:\n${output.trim()}` : ""}`,
    );
  }

  const pid = child.pid;
  if (pid === undefined) throw new Error("anvil started without a pid");

  let stopping: Promise<void> | undefined;
  function stop(): Promise<void> {
    stopping ??= (async () => {
      process.removeListener("exit", killOnExit);
      if (hasExited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  }

  return { rpcUrl, chainId: ANVIL_CHAIN_ID, pid, stop };
}

function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const names = [
    `@foundry-rs/anvil-${process.platform}-${arch}`,
    "@foundry-rs/anvil-linux-amd64",
    "@foundry-rs/anvil-linux-arm64",
    "@foundry-rs/anvil-darwin-arm64",
    "@foundry-rs/anvil-darwin-amd64",
  ];
  const binaryName = process.platform === "win32" ? "anvil.exe" : "anvil";
  for (const name of new Set(names)) {
    try {
      const binary = path.join(
        path.dirname(require.resolve(`${name}/package.json`)),
        "bin",
        binaryName,
      );
      if (existsSync(binary)) return binary;
    } catch {
      // not installed for this platform; try the next
    }
  }
  throw new Error(
    `anvil binary not found: none of ${[...new Set(names)].join(", ")} is installed (run npm install)`,
  );
}

async function waitUntilReady(rpcUrl: string, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline && !hasExited()) {
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      const body = (await response.json()) as { result?: string };
      if (body.result) return;
      lastError = new Error(`unexpected eth_chainId answer ${JSON.stringify(body)}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (hasExited()) return; // the exit branch of the race reports this
  throw new Error(
    `no answer to eth_chainId within ${readyTimeoutMs / 1000} s (${lastError instanceof Error ? lastError.message : String(lastError)})`,
  );
}
