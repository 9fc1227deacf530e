// Bundled by e2e/core/strict-suite.spec.ts (esbuild); the same file runs in Chromium and in Node.
export { mismatch, runStrictSuite, strictCases } from "@/lib/credentials/__fixtures__/strict-cases";
