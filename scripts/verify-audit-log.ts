/**
 * Checks an issuer's exported audit log against the ledger, as an outsider would: nothing is
 * taken from Vitae's server, only the file and a chain RPC endpoint.
 *
 *   npx tsx scripts/verify-audit-log.ts <export.json> --rpc <url> --contract <0x…> [--chain-id <n>]
 *
 * Without --contract / --chain-id the values recorded in the file are used (check them against
 * the issuer's published configuration). Exits 0 when verified, 1 when a check failed, 2 when the
 * ledger could not be read or the arguments are wrong.
 */
import { readFileSync } from "node:fs";
import type { Address } from "viem";
import { createLedgerReader } from "@/lib/ledger/reader";
import { verifyAuditLog } from "@/lib/trust/verify-audit-log";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  const rpcUrl = arg("rpc");
  if (!file || file.startsWith("--") || !rpcUrl) {
    console.error(
      "usage: verify-audit-log <export.json> --rpc <url> [--contract 0x…] [--chain-id n]",
    );
    return 2;
  }
  let log: unknown;
  try {
    log = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    console.error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const recorded = (log as { ledger?: { contractAddress?: string; chainId?: number } }).ledger;
  const contractAddress = (arg("contract") ?? recorded?.contractAddress) as Address | undefined;
  const chainId = Number(arg("chain-id") ?? recorded?.chainId);
  if (!contractAddress || !Number.isInteger(chainId)) {
    console.error("give --contract and --chain-id (the file names none)");
    return 2;
  }
  const ledger = createLedgerReader({ rpcUrl, chainId, contractAddress });
  const result = await verifyAuditLog(log, { ledger });
  for (const check of result.checks) {
    const mark = check.ok === true ? "ok  " : check.ok === false ? "FAIL" : "??? ";
    const at = check.seq === undefined ? "" : ` (entry ${check.seq})`;
    console.log(`${mark} ${check.id.padEnd(6)} ${check.code}${at}: ${check.message}`);
  }
  console.log(`entries: ${result.entries}`);
  if (result.anchored) {
    console.log(
      `anchored head: entry ${result.anchored.seq}, version ${result.anchored.version}, ${result.anchored.anchoredAt}; not yet anchored: ${result.notYetAnchored}`,
    );
  }
  console.log(result.verified ? "VERIFIED" : "NOT VERIFIED");
  if (result.verified) return 0;
  return result.checks.some((c) => c.ok === false) ? 1 : 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
