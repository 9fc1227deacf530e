import "server-only";
import { z } from "zod";

/**
 * The server's configuration, read once from the environment and validated. `npm run dev` and
 * the test stack fill in `.env.example`'s development values (see scripts/stack.ts); production
 * sets real ones. Nothing else reads `process.env`.
 */

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex key");
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");

/** `slug:value,slug:value` → { slug: value } */
function pairs(valueSchema: z.ZodString) {
  return z
    .string()
    .default("")
    .transform((raw, ctx) => {
      const out: Record<string, string> = {};
      for (const part of raw
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        const at = part.indexOf(":");
        const slug = part.slice(0, at).trim();
        const value = valueSchema.safeParse(part.slice(at + 1).trim());
        if (at <= 0 || !value.success) {
          ctx.addIssue({
            code: "custom",
            message: `expected slug:value pairs, got "${slug || part.slice(0, 12)}…"`,
          });
          return z.NEVER;
        }
        out[slug] = value.data;
      }
      return out;
    });
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  VITAE_PUBLIC_URL: z.url().default("http://localhost:3000"),
  VITAE_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.string().url().optional(),
  /** Encrypts issuer private keys at rest (Veramo SecretBox): 32 bytes hex, no 0x. */
  VITAE_SECRET: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters"),
  VITAE_DEMO_API_KEYS: pairs(z.string().min(16)),
  /** Demo issuers' first admin passwords, `slug:password,…` (admin@<slug>.example). */
  VITAE_DEMO_ADMIN_PASSWORDS: pairs(z.string().min(12)),
  LEDGER_RPC_URL: z.url().default("http://127.0.0.1:8545"),
  /** What browsers use to read the chain; defaults to LEDGER_RPC_URL. */
  LEDGER_PUBLIC_RPC_URL: z.url().optional(),
  LEDGER_CHAIN_ID: z.coerce.number().int().positive().default(31337),
  LEDGER_PRIVATE_KEY: hex32.optional(),
  /** Per-issuer ledger keys, `slug:0xkey,…`; an issuer without one uses LEDGER_PRIVATE_KEY. */
  LEDGER_ISSUER_KEYS: pairs(hex32),
  LEDGER_CONFIRMATIONS: z.coerce.number().int().min(1).max(64).default(1),
  ANCHOR_CONTRACT_ADDRESS: address,
  /** Status changes within this window go out as one list version and one anchor transaction. */
  ANCHOR_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** …or as soon as this many are waiting. */
  ANCHOR_BATCH_MAX_CHANGES: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Validity of each signed status list version; lists are re-signed at half-time. */
  STATUS_LIST_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
  /** Credentials per status list series (herd privacy: keep it large). */
  STATUS_LIST_CAPACITY: z.coerce.number().int().min(1).max(131_072).default(131_072),
  /** Days an expired dossier share's row and view log are kept for its owner (its ciphertext goes at expiry). */
  SHARE_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** Days a verifier request and its answer are kept after answering, declining or expiry. */
  REQUEST_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** The IssuerRegistry (trust registry) contract; the embedded chain deploys its own. */
  ISSUER_REGISTRY_ADDRESS: address,
  /** The accreditation authority's ledger key; without it the governance console cannot write. */
  GOVERNANCE_PRIVATE_KEY: hex32.optional(),
  /** Signs in to the governance console; only its SHA-256 is kept and compared. */
  GOVERNANCE_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee .env.example.`);
  }
  cached = parsed.data;
  return cached;
}

/** The only configuration browsers receive: where to read the ledger. */
export type PublicLedgerConfig = {
  rpcUrl: string;
  chainId: number;
  contractAddress: `0x${string}`;
  /** The IssuerRegistry contract that says which issuers are accredited. */
  registryAddress: `0x${string}`;
};

export function publicLedgerConfig(): PublicLedgerConfig {
  const e = env();
  return {
    rpcUrl: e.LEDGER_PUBLIC_RPC_URL ?? e.LEDGER_RPC_URL,
    chainId: e.LEDGER_CHAIN_ID,
    contractAddress: e.ANCHOR_CONTRACT_ADDRESS as `0x${string}`,
    registryAddress: e.ISSUER_REGISTRY_ADDRESS as `0x${string}`,
  };
}
