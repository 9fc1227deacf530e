import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./e2e/fixtures/chromium";

/**
 * End-to-end tests against a production build on the real stack: anvil, the deployed contract,
 * PGlite and Next.js, started fresh by scripts/stack.ts on ports of their own (so a running
 * `npm run dev` is left alone). Chromium is Debian's.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const ANVIL_PORT = Number(process.env.E2E_ANVIL_PORT ?? 8645);
export const baseURL = `http://localhost:${PORT}`;
export const e2eRpcUrl = `http://127.0.0.1:${ANVIL_PORT}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/stack.ts start --fresh",
    url: `${baseURL}/api/v1/issuers`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      ANVIL_PORT: String(ANVIL_PORT),
      VITAE_DATA_DIR: ".data-test",
      VITAE_PUBLIC_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
