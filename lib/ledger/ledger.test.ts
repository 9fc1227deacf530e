import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { keccak256, toBytes, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilKey as anvilPrivateKey } from "@/lib/issuance/ledger-keys";
import { startAnvil, type Anvil } from "@/scripts/support/anvil";
import { freePort } from "@/scripts/support/test-stack";
import { deployStatusListAnchor, fundAccount, hasContractCode } from "@/lib/ledger/writer";
import {
  createLedgerReader,
  LedgerUnavailableError,
  sha256Hex,
  statusListKey,
  type LedgerReader,
} from "@/lib/ledger/reader";
import { AnchorRejectedError, createLedgerWriter, type LedgerWriter } from "@/lib/ledger/writer";

const issuerKey = anvilPrivateKey(1);
const otherKey = anvilPrivateKey(2);
const issuer = privateKeyToAccount(issuerKey).address;

let anvil: Anvil;
let contractAddress: Address;
let reader: LedgerReader;
let writer: LedgerWriter;

beforeAll(async () => {
  anvil = await startAnvil({ port: await freePort() });
  const deployed = await deployStatusListAnchor({
    rpcUrl: anvil.rpcUrl,
    chainId: anvil.chainId,
    privateKey: anvilPrivateKey(0),
  });
  contractAddress = deployed.address;
  const config = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, contractAddress };
  reader = createLedgerReader(config);
  writer = createLedgerWriter(config);
});

afterAll(async () => {
  await anvil?.stop();
});

describe("anchoring a status list", () => {
  const url = "http://localhost:3000/api/v1/status-lists/ledger-test-1";
  const listKey = statusListKey(url);
  const hash1 = keccak256(toBytes("version 1"));
  const hash2 = keccak256(toBytes("version 2"));

  it("deploys a contract with code", async () => {
    expect(await hasContractCode(anvil.rpcUrl, contractAddress)).toBe(true);
    expect(await hasContractCode(anvil.rpcUrl, issuer)).toBe(false);
  });

  it("anchors version 1 and reads it back", async () => {
    const before = Date.now();
    const result = await writer.anchorStatusList({
      privateKey: issuerKey,
      listKey,
      version: 1,
      hash: hash1,
      uri: url,
    });
    expect(result.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.blockNumber).toBeGreaterThan(0n);

    const latest = await reader.latest(listKey);
    expect(latest).toEqual({
      owner: issuer,
      version: 1,
      hash: hash1,
      uri: url,
      anchoredAt: result.anchoredAt,
    });
    // anvil stamps blocks with wall-clock seconds
    expect(Math.abs(result.anchoredAt.getTime() - before)).toBeLessThan(60_000);
  });

  it("rejects a version that skips one", async () => {
    const error = await writer
      .anchorStatusList({ privateKey: issuerKey, listKey, version: 3, hash: hash2, uri: url })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnchorRejectedError);
    expect(error).toMatchObject({ reason: "WRONG_VERSION", expectedVersion: 2, code: "CONFLICT" });
  });

  it("rejects another account anchoring the same list", async () => {
    const error = await writer
      .anchorStatusList({ privateKey: otherKey, listKey, version: 2, hash: hash2, uri: url })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnchorRejectedError);
    expect(error).toMatchObject({ reason: "NOT_OWNER", owner: issuer });
  });

  it("anchors version 2 and keeps the history in order", async () => {
    await writer.anchorStatusList({
      privateKey: issuerKey,
      listKey,
      version: 2,
      hash: hash2,
      uri: url,
    });
    expect(await reader.latest(listKey)).toMatchObject({ version: 2, hash: hash2, owner: issuer });

    const history = await reader.history(listKey);
    expect(history.map((h) => [h.version, h.hash, h.owner])).toEqual([
      [1, hash1, issuer],
      [2, hash2, issuer],
    ]);
    expect(history[0]!.blockNumber).toBeLessThan(history[1]!.blockNumber);
    expect(history[0]!.txHash).not.toBe(history[1]!.txHash);
  });

  it("pages history by block range", async () => {
    const all = await reader.history(listKey, { fromBlock: 0n });
    const fromSecond = await reader.history(listKey, { fromBlock: all[1]!.blockNumber });
    expect(fromSecond.map((h) => h.version)).toEqual([2]);
    const untilFirst = await reader.history(listKey, { toBlock: all[0]!.blockNumber });
    expect(untilFirst.map((h) => h.version)).toEqual([1]);
  });

  it("returns null for a list never anchored", async () => {
    expect(await reader.latest(statusListKey("http://localhost:3000/never"))).toBeNull();
    expect(await reader.history(statusListKey("http://localhost:3000/never"))).toEqual([]);
  });

  it("anchors 20 lists concurrently from one account", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writer.anchorStatusList({
          privateKey: issuerKey,
          listKey: statusListKey(`http://localhost:3000/api/v1/status-lists/concurrent-${i}`),
          version: 1,
          hash: keccak256(toBytes(`list ${i}`)),
          uri: `http://localhost:3000/api/v1/status-lists/concurrent-${i}`,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.txHash)).size).toBe(20);
    const latest = await reader.latest(
      statusListKey("http://localhost:3000/api/v1/status-lists/concurrent-19"),
    );
    expect(latest).toMatchObject({ version: 1, hash: keccak256(toBytes("list 19")) });
  });

  it("funds an account only when it runs low", async () => {
    const fresh = privateKeyToAccount(keccak256(toBytes("fresh ledger account"))).address;
    const config = { rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: anvilPrivateKey(0) };
    const first = await fundAccount({ ...config, address: fresh });
    expect(first.funded).toBe(true);
    expect(first.balance).toBeGreaterThan(0n);
    const second = await fundAccount({ ...config, address: fresh });
    expect(second).toEqual({ funded: false, balance: first.balance });
  });
});

describe("an unavailable ledger", () => {
  it("throws LedgerUnavailableError quickly when nothing listens", async () => {
    const dead = createLedgerReader({
      rpcUrl: `http://127.0.0.1:${await freePort()}`,
      chainId: 31337,
      contractAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    });
    const started = Date.now();
    await expect(dead.latest(statusListKey("http://x/1"))).rejects.toBeInstanceOf(
      LedgerUnavailableError,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("the writer also reports an unreachable chain as LedgerUnavailableError", async () => {
    const dead = createLedgerWriter({
      rpcUrl: `http://127.0.0.1:${await freePort()}`,
      chainId: 31337,
      contractAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    });
    const error = await dead
      .anchorStatusList({
        privateKey: issuerKey,
        listKey: statusListKey("http://x/1"),
        version: 1,
        hash: keccak256(toBytes("x")),
        uri: "http://x/1",
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerUnavailableError);
    expect(String((error as Error).message)).not.toContain(issuerKey.slice(2));
  });

  it("throws LedgerUnavailableError when the address has no contract", async () => {
    const empty = createLedgerReader({
      rpcUrl: anvil.rpcUrl,
      chainId: anvil.chainId,
      contractAddress: issuer,
    });
    await expect(empty.latest(statusListKey("http://x/1"))).rejects.toThrow(/no StatusListAnchor/);
  });

  it("throws LedgerUnavailableError when the RPC serves another chain", async () => {
    const wrongChain = createLedgerReader({ rpcUrl: anvil.rpcUrl, chainId: 1, contractAddress });
    await expect(wrongChain.latest(statusListKey("http://x/1"))).rejects.toThrow(
      /serves chain 31337, expected chain 1/,
    );
  });
});

describe("hashing", () => {
  it("statusListKey is keccak256 of the URL, stable and distinct per URL", () => {
    const a = statusListKey("https://issuer.example/api/v1/status-lists/a");
    expect(a).toBe(statusListKey("https://issuer.example/api/v1/status-lists/a"));
    expect(a).not.toBe(statusListKey("https://issuer.example/api/v1/status-lists/b"));
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("sha256Hex matches node:crypto for strings and bytes", async () => {
    const sample = "eyJhbGciOiJFUzI1NiJ9.eyJ2YyI6e319.c2ln – ünïcödé";
    const expected = `0x${createHash("sha256").update(sample, "utf8").digest("hex")}` as Hex;
    expect(await sha256Hex(sample)).toBe(expected);
    expect(await sha256Hex(new TextEncoder().encode(sample))).toBe(expected);
    expect(await sha256Hex("")).toBe(
      "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("anvil helper", () => {
  it("derives anvil's well-known keys", () => {
    expect(anvilPrivateKey(0)).toBe(
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    );
  });

  it("keeps the chain across a restart with statePath", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vitae-anvil-"));
    const statePath = path.join(dir, "state.json");
    try {
      const port = await freePort();
      const first = await startAnvil({ port, statePath });
      const { address } = await deployStatusListAnchor({
        rpcUrl: first.rpcUrl,
        chainId: first.chainId,
        privateKey: anvilPrivateKey(0),
      });
      const config = { rpcUrl: first.rpcUrl, chainId: first.chainId, contractAddress: address };
      const key = statusListKey("http://localhost:3000/persisted");
      await createLedgerWriter(config).anchorStatusList({
        privateKey: issuerKey,
        listKey: key,
        version: 1,
        hash: keccak256(toBytes("persisted")),
        uri: "http://localhost:3000/persisted",
      });
      await first.stop();
      expect(existsSync(statePath)).toBe(true);

      const second = await startAnvil({ port, statePath });
      try {
        expect(await hasContractCode(second.rpcUrl, address)).toBe(true);
        const again = createLedgerReader(config);
        expect(await again.latest(key)).toMatchObject({ version: 1, owner: issuer });
        expect((await again.history(key)).map((h) => h.version)).toEqual([1]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
