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
  },
});
