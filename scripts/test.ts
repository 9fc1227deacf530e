/**
 * `npm test`: lint and format check, typecheck, Vitest (unit tests plus tests against a fresh
 * anvil and PGlite), a production build, and Playwright against it in Debian's Chromium.
 * Ends with one plain line, `N passed, N failed`, counting the tests of both runners (a failed
 * lint, typecheck or build counts as one failure).
 *
 * Options: --unit (skip build and e2e), --e2e (only build and e2e).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { chromiumExecutable } from "../e2e/fixtures/chromium";

const args = new Set(process.argv.slice(2));
const runUnit = !args.has("--e2e");
const runE2e = !args.has("--unit");
const reports = path.resolve("test-results/reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let passed = 0;
let failed = 0;

function step(
  name: string,
  command: string,
  argv: string[],
  extraEnv: Record<string, string> = {},
) {
  console.log(`\n── ${name} ──`);
  const started = Date.now();
  const res = spawnSync(command, argv, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = res.status === 0;
  console.log(
    `── ${name}: ${ok ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return ok;
}

const bin = (name: string) => path.resolve("node_modules/.bin", name);

if (runE2e && !chromiumExecutable()) {
  console.error(
    "No Chromium found at /usr/bin/chromium or $PLAYWRIGHT_CHROMIUM_EXECUTABLE.\n" +
      "Install Debian's: apt-get update && apt-get install -y chromium\n" +
      "(Playwright cannot download its own browser on this network.)",
  );
  console.log("0 passed, 1 failed");
  process.exit(1);
}

type Step = {
  name: string;
  command: string;
  argv: string[];
  extraEnv?: Record<string, string>;
  /** Print as it runs (one step at most); the others print their output when they end. */
  live?: boolean;
};

/** Runs the steps at once; resolves to each one's success, in order. */
function stepsTogether(steps: Step[]): Promise<boolean[]> {
  return Promise.all(
    steps.map(
      ({ name, command, argv, extraEnv = {}, live = false }) =>
        new Promise<boolean>((resolve) => {
          const started = Date.now();
          if (live) console.log(`\n── ${name} ──`);
          const child = spawn(command, argv, {
            env: { ...env, ...extraEnv },
            stdio: live ? "inherit" : "pipe",
          });
          const output: Buffer[] = [];
          child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
          child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
          let ended = false;
          const finish = (ok: boolean) => {
            if (ended) return;
            ended = true;
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            if (!live) {
              console.log(`\n── ${name} ──\n${Buffer.concat(output).toString("utf8").trimEnd()}`);
            }
            console.log(`── ${name}: ${ok ? "ok" : "FAILED"} (${seconds} s)`);
            resolve(ok);
          };
          child.on("error", (err) => {
            output.push(Buffer.from(err.message));
            finish(false);
          });
          child.on("close", (code) => finish(code === 0));
        }),
    ),
  );
}

const failures = (outcomes: boolean[]) => outcomes.filter((ok) => !ok).length;

if (runUnit) {
  // Lint, format and typecheck are independent and mostly single-threaded: run them together.
  failed += failures(
    await stepsTogether([
      { name: "lint", command: bin("eslint"), argv: [".", "--max-warnings=0"] },
      { name: "format", command: bin("prettier"), argv: ["--check", "."] },
      { name: "typecheck", command: bin("tsc"), argv: ["--noEmit", "-p", "."] },
    ]),
  );
}

// Vitest and the production build for Playwright run side by side: Vitest spends much of its
// time waiting on anvil and timers, which the build fills.
const vitestReport = path.join(reports, "vitest.json");
const buildStep: Step = {
  name: "build",
  command: process.execPath,
  argv: [path.resolve("node_modules/next/dist/bin/next"), "build"],
};
const vitestStep: Step = {
  name: "vitest",
  command: bin("vitest"),
  argv: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  live: true,
};
// Vitest's outcome is read from its report below; the build's decides whether Playwright runs.
const outcomes = await stepsTogether([
  ...(runUnit ? [vitestStep] : []),
  ...(runE2e ? [buildStep] : []),
]);
const built = runE2e && outcomes.at(-1) === true;

if (runUnit) {
  if (existsSync(vitestReport)) {
    const r = JSON.parse(readFileSync(vitestReport, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      success: boolean;
    };
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.success || r.numFailedTests > 0 ? 0 : 1);
  } else failed++;
}

if (runE2e) {
  if (!built) {
    failed++;
  } else {
    const pwReport = path.join(reports, "playwright.json");
    step("playwright", bin("playwright"), ["test", "--reporter=list,json"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
    });
    if (existsSync(pwReport)) {
      const r = JSON.parse(readFileSync(pwReport, "utf8")) as {
        stats: { expected: number; unexpected: number; flaky: number };
        errors?: unknown[];
      };
      passed += r.stats.expected + r.stats.flaky;
      failed += r.stats.unexpected + (r.errors?.length ? 1 : 0);
    } else failed++;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
