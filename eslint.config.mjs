import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const platformImports = {
  patterns: [
    {
      group: ["node:*"],
      message: "The universal core runs in browsers: pass platform services in.",
    },
    { group: ["next", "next/*"], message: "The universal core must not depend on Next.js." },
    {
      group: ["@/lib/db/*", "@/lib/issuance/*", "@/lib/wallet/*", "@/lib/env"],
      message: "The universal core must not reach server or wallet code.",
    },
  ],
};

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      ".data-test/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "lib/db/migrations/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // lib/credentials, lib/status, lib/trust, lib/i18n and the ledger reader run unchanged in the browser
    // and in Node (see ../shared/STYLE.md). Tests may use Node.
    files: [
      "lib/credentials/**/*.ts",
      "lib/status/**/*.ts",
      "lib/trust/**/*.ts",
      "lib/i18n/**/*.ts",
      "lib/ledger/reader.ts",
      "lib/ledger/registry-reader.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", platformImports],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "The universal core must not read the environment." },
        { name: "window", message: "The universal core must not touch the browser window." },
        { name: "document", message: "The universal core must not touch the DOM." },
      ],
    },
  },
];

export default config;
