/**
 * Anchoring benchmark (issue #4), on a real anvil and PGlite:
 *
 * 1. Gas per revocation when 1, 100 and 10,000 revocations share one anchor: the changes are put
 *    in the outbox, the worker cuts one list version and sends one anchor, and the receipt's
 *    gasUsed is divided by the number of changes. Baseline, measured in the same run: a
 *    per-credential registry (`revoke(bytes32)` into a mapping, one transaction each).
 * 2. Latency from the revoke call until verification (the function behind POST /api/v1/verify)
 *    reports REVOKED, with the default 500 ms batch window. Baseline: one bare anchor transaction
 *    (simulate, send, receipt) to the same chain.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { statusChanges } from "@/lib/db/schema";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { changeCredentialStatus } from "@/lib/issuance/change-status";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { anvilKey } from "@/lib/issuance/ledger-keys";
import { verifyOnServer } from "@/lib/issuance/server-verifier";
import { pendingVersion, servedVersion } from "@/lib/issuance/status-lists";
import { ledgerChain } from "@/lib/ledger/writer";
import { startTestChain, startTestServices, type TestChain } from "@/scripts/support/test-stack";
import { mean, percentile, stopwatch, type BenchResult, type Figure, type Ratio } from "./support";

const here = path.dirname(fileURLToPath(import.meta.url));
const BATCH_SIZES = [1, 100, 10_000];
const BASELINE_REVOCATIONS = 20;
const LATENCY_SAMPLES = 15;

function compileBaseline(): { abi: unknown[]; bytecode: Hex } {
  const source = readFileSync(path.join(here, "contracts", "PerCredentialRevocation.sol"), "utf8");
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "PerCredentialRevocation.sol": { content: source } },
        settings: {
          evmVersion: "paris",
          optimizer: { enabled: true, runs: 200 },
          outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
        },
      }),
    ),
  ) as {
    contracts: Record<
      string,
      Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>
    >;
  };
  const contract = output.contracts["PerCredentialRevocation.sol"]!["PerCredentialRevocation"]!;
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
}

/** Gas of one `revoke(bytes32)` transaction per credential, averaged. */
async function baselineGasPerRevocation(chain: TestChain): Promise<number> {
  const { abi, bytecode } = compileBaseline();
  const chainDef = ledgerChain(chain.config);
  const transport = http(chain.config.rpcUrl);
  const publicClient = createPublicClient({ chain: chainDef, transport });
  const wallet = createWalletClient({
    chain: chainDef,
    transport,
    account: privateKeyToAccount(anvilKey(9)),
  });
  const deployTx = await wallet.deployContract({ abi, bytecode });
  const { contractAddress } = await publicClient.waitForTransactionReceipt({ hash: deployTx });
  const gas: bigint[] = [];
  for (let i = 0; i < BASELINE_REVOCATIONS; i++) {
    const hash = await wallet.writeContract({
      address: contractAddress!,
      abi,
      functionName: "revoke",
      args: [keccak256(toHex(`credential-${i}`))],
    });
    gas.push((await publicClient.waitForTransactionReceipt({ hash })).gasUsed);
  }
  return mean(gas.map(Number));
}

export default async function anchoringBench(): Promise<BenchResult> {
  const chain = await startTestChain();
  const { svc, db } = await startTestServices(chain);
  try {
    const figures: Figure[] = [];
    const ratios: Ratio[] = [];
    const issuer = await findIssuer(svc, "eastland-licensing");
    const publicClient = createPublicClient({ transport: http(chain.config.rpcUrl) });

    // Open the issuer's lists and anchor version 1 (the first anchor of a list costs more).
    const first = await issueCredential(svc, issuer, {
      type: "MedicalLicenseCredential",
      subject: { name: "Bench", licenseNumber: "B-0", jurisdiction: "Eastland" },
    });
    await svc.anchoring.sweep();
    const listId = first.status.listId;

    const baseline = await baselineGasPerRevocation(chain);
    figures.push({
      label: "per-credential revoke(bytes32), gas each",
      value: baseline,
      unit: "gas",
    });

    // Distinct random indexes for every batch, as real revocations would be.
    const used = new Set<number>([first.status.index]);
    const draw = () => {
      for (;;) {
        const i = Math.floor(Math.random() * 131_072);
        if (!used.has(i)) return (used.add(i), i);
      }
    };
    for (const n of BATCH_SIZES) {
      const rows = Array.from({ length: n }, () => ({ listId, statusIndex: draw(), value: true }));
      for (let i = 0; i < rows.length; i += 1_000) {
        await svc.db.insert(statusChanges).values(rows.slice(i, i + 1_000));
      }
      await svc.anchoring.flush(listId);
      if (await pendingVersion(svc, listId)) throw new Error("the batch was not anchored");
      const served = await servedVersion(svc, listId);
      if (served.changeCount !== n)
        throw new Error(`version carries ${served.changeCount} changes, not ${n}`);
      const receipt = await publicClient.getTransactionReceipt({ hash: served.anchorTx as Hex });
      const perRevocation = Number(receipt.gasUsed) / n;
      figures.push({
        label: `anchor gas per revocation, ${n.toLocaleString("en-GB")} in one anchor`,
        value: perRevocation,
        unit: "gas",
      });
      ratios.push({
        label: `per-credential gas ÷ batched gas, ${n.toLocaleString("en-GB")} per anchor`,
        value: baseline / perRevocation,
      });
    }
    const last = figures.at(-1)!;
    ratios.push({
      label: "gas per revocation at 10,000 (absolute)",
      value: last.value,
      goal: "<= 5",
    });

    // Latency: revoke → verification reports REVOKED, with the server's default batch window.
    const bareAnchor: number[] = [];
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const cred = await issueCredential(svc, issuer, {
        type: "MedicalLicenseCredential",
        subject: { name: "Bench", licenseNumber: `B-${i + 1}`, jurisdiction: "Eastland" },
      });
      const elapsed = stopwatch();
      await changeCredentialStatus(svc, issuer, cred.id, "revoke", "bench", { waitMs: 0 });
      for (;;) {
        const result = await verifyOnServer(svc, cred.jwt);
        if (
          result.checks.some((c) => c.code === "REVOKED") &&
          result.checks.some((c) => c.code === "ANCHOR_MATCH")
        )
          break;
        if (elapsed() > 30_000) throw new Error("revocation not visible after 30 s");
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(elapsed());

      // Baseline: one anchor transaction on its own (a throwaway list id), same account and chain.
      const t = stopwatch();
      await svc.ledger.writer.anchorStatusList({
        privateKey: svc.ledger.keyFor(issuer.slug),
        listKey: keccak256(toHex(`bench-bare-${i}-${Date.now()}`)),
        version: 1,
        hash: keccak256(toHex(i)),
        uri: "https://bench.invalid/list",
      });
      bareAnchor.push(t());
    }
    const p50 = percentile(latencies, 50);
    figures.push(
      { label: "revoke → verify says REVOKED, median", value: p50, unit: "ms" },
      { label: "revoke → verify says REVOKED, p95", value: percentile(latencies, 95), unit: "ms" },
      {
        label: "one bare anchor transaction, median",
        value: percentile(bareAnchor, 50),
        unit: "ms",
      },
    );
    ratios.push(
      {
        label: "revoke→REVOKED median vs one bare anchor",
        value: p50 / percentile(bareAnchor, 50),
      },
      {
        label: "revoke→REVOKED p95 in seconds (absolute)",
        value: percentile(latencies, 95) / 1000,
        goal: "<= 2",
      },
    );

    return {
      name: "Anchoring: gas per revocation and revoke→verify latency",
      figures,
      ratios,
      notes: [
        "Gas = gasUsed of the one anchor transaction that carried the batch (cut by the real worker from outbox rows), divided by the revocations in it. An anchor costs the same whatever the batch size: only a 32-byte hash goes on chain.",
        `Baseline = PerCredentialRevocation.revoke(bytes32) (scripts/bench/contracts), one transaction per credential, mean of ${BASELINE_REVOCATIONS}, same anvil.`,
        `Latency = ${LATENCY_SAMPLES} sequential revocations: changeCredentialStatus returns after the database commit; then verifyOnServer (the code behind POST /api/v1/verify: served list from the database, anchor from anvil) is polled every 10 ms until it reports REVOKED with ANCHOR_MATCH. Includes the 500 ms default batch window (ANCHOR_BATCH_WINDOW_MS).`,
      ],
    };
  } finally {
    await db.close();
    await chain.stop();
  }
}
