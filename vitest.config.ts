import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("./scripts/support/empty-module.ts", import.meta.url)),
      "client-only": fileURLToPath(new URL("./scripts/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,scripts,contracts,app,components}/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // the ledger tests each start their own anvil; keep parallelism modest on 2 cores
    maxWorkers: 2,
    // Test files share a worker's module cache instead of importing everything afresh: the
    // suite took 165–190 s, most of it importing, and takes about 90 s this way. Tests that
    // need fresh modules or globals say so themselves (vi.resetModules, vi.unstubAllGlobals), and
    // route tests hand getServices() their own stack in beforeAll and take it back in afterAll
    // (scripts/support/route-request.ts). Files in one worker run one after another.
    isolate: false,
  },
});
