import "server-only";
import { and, eq } from "drizzle-orm";
import { privateKeyToAccount } from "viem/accounts";
import type { Address, Hex } from "viem";
import { openDatabase, type Db } from "@/lib/db/client";
import { apiKeys, issuers, staff } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { createLedgerReader, type LedgerConfig, type LedgerReader } from "@/lib/ledger/reader";
import {
  createRegistryReader,
  type RegistryConfig,
  type RegistryReader,
} from "@/lib/ledger/registry-reader";
import { createLedgerWriter, type LedgerWriter } from "@/lib/ledger/writer";
import { STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import { createIssuerAgent, type IssuerAgent, type ManagedKeyReader } from "./agent";
import { createBulkWorker, type BulkWorker } from "./bulk-worker";
import { createHmac } from "node:crypto";
import { createChallengeStore, type ChallengeStore } from "./challenge-store";
import { systemActor } from "./audit-log";
import { findIssuer } from "./authenticate-issuer";
import { createStaff } from "./staff-accounts";
import { defaultRetentionSettings, type RetentionSettings } from "@/lib/retention/sweep-retention";
import { createAnchorWorker, type AnchorWorker, type AnchorWorkerOptions } from "./anchor-worker";
import { hashSecret } from "./hash-secret";
import { demoIssuers } from "./demo-issuers";
import { issuerDidAlias } from "./issuer-did";
import { ledgerKeyFor } from "./ledger-keys";
import { seedAccreditations } from "./seed-accreditations";

/**
 * Everything the issuing side needs, built once per server process: the database, the Veramo
 * agent, and the ledger reader and writer. Tests build their own with `createServices`.
 */
export type IssuanceServices = {
  db: Db;
  agent: IssuerAgent;
  /** Private keys from the agent's store, for the fast signer in sign-jwt-vc.ts only. */
  readPrivateKey: ManagedKeyReader;
  /**
   * Derives the claim token of a bulk-issued credential from its id with a key derived from
   * VITAE_SECRET: the result CSV can list every claim link again, yet the database keeps only
   * the tokens' hashes (see bulk-worker.ts).
   */
  claimTokenFor(credentialId: string): string;
  publicUrl: string;
  /** One-time challenges for presentation requests, in the database (see challenge-store.ts). */
  challenges: ChallengeStore;
  ledger: {
    config: LedgerConfig;
    reader: LedgerReader;
    writer: LedgerWriter;
    keyFor(slug: string): Hex;
  };
  statusLists: StatusListSettings;
  /** How long expired shares and finished verifier requests are kept (see sweep-retention.ts). */
  retention: RetentionSettings;
  webhooks: {
    /** Accept http webhooks on loopback (development and tests); production needs https. */
    allowLoopbackHttp: boolean;
  };
  /** Drains status changes onto the ledger (see anchor-worker.ts). */
  anchoring: AnchorWorker;
  /** The on-chain trust registry and, when configured, the accreditation authority's access. */
  registry: {
    config: RegistryConfig;
    reader: RegistryReader;
    confirmations: number;
    /** The authority's ledger key (GOVERNANCE_PRIVATE_KEY); never logged or sent anywhere. */
    governanceKey: Hex | undefined;
    /** SHA-256 (hex) of GOVERNANCE_API_KEY, the console's sign-in key. */
    governanceApiKeyHash: string | undefined;
  };
  /** Issues the rows of bulk jobs in the background (see bulk-worker.ts). */
  bulk: BulkWorker;
};

export type StatusListSettings = {
  /** How long a signed list version is valid; the worker re-signs it at half-time. */
  ttlSeconds: number;
  /** Credentials per list series; at most the list size (131,072). */
  capacity: number;
};

export const defaultStatusListSettings: StatusListSettings = {
  ttlSeconds: 24 * 3600,
  capacity: STATUS_LIST_SIZE,
};

export function createServices(opts: {
  db: Db;
  secret: string;
  publicUrl: string;
  ledgerConfig: LedgerConfig;
  confirmations?: number;
  issuerKeys?: Record<string, string>;
  fallbackKey?: string | undefined;
  statusLists?: Partial<StatusListSettings>;
  retention?: Partial<RetentionSettings>;
  anchoring?: Partial<AnchorWorkerOptions>;
  allowLoopbackWebhooks?: boolean;
  registryAddress: Address;
  governanceKey?: string | undefined;
  governanceApiKey?: string | undefined;
}): IssuanceServices {
  const { ledgerConfig } = opts;
  const registryConfig: RegistryConfig = {
    rpcUrl: ledgerConfig.rpcUrl,
    chainId: ledgerConfig.chainId,
    registryAddress: opts.registryAddress,
  };
  const { agent, readPrivateKey } = createIssuerAgent(opts.db, opts.secret);
  const claimKey = createHmac("sha256", opts.secret).update("vitae bulk claim tokens v1").digest();
  const svc: Omit<IssuanceServices, "anchoring" | "bulk"> = {
    db: opts.db,
    agent,
    readPrivateKey,
    claimTokenFor: (credentialId) =>
      createHmac("sha256", claimKey).update(credentialId).digest("base64url").slice(0, 32),
    publicUrl: opts.publicUrl.replace(/\/$/, ""),
    challenges: createChallengeStore(opts.db),
    ledger: {
      config: ledgerConfig,
      reader: createLedgerReader(ledgerConfig),
      writer: createLedgerWriter({ ...ledgerConfig, confirmations: opts.confirmations ?? 1 }),
      keyFor: (slug) =>
        ledgerKeyFor({
          slug,
          devIndex: Math.max(
            0,
            demoIssuers.findIndex((d) => d.slug === slug),
          ),
          chainId: ledgerConfig.chainId,
          issuerKeys: opts.issuerKeys ?? {},
          fallbackKey: opts.fallbackKey,
        }),
    },
    statusLists: { ...defaultStatusListSettings, ...opts.statusLists },
    retention: { ...defaultRetentionSettings, ...opts.retention },
    webhooks: { allowLoopbackHttp: opts.allowLoopbackWebhooks ?? false },
    registry: {
      config: registryConfig,
      reader: createRegistryReader(registryConfig),
      confirmations: opts.confirmations ?? 1,
      governanceKey: opts.governanceKey as Hex | undefined,
      governanceApiKeyHash: opts.governanceApiKey ? hashSecret(opts.governanceApiKey) : undefined,
    },
  };
  const full = svc as IssuanceServices;
  full.anchoring = createAnchorWorker(full, opts.anchoring);
  full.bulk = createBulkWorker(full);
  return full;
}

/** Creates the demo issuers (keys, did:web identifiers, API keys) unless they exist. */
export async function seedDemoIssuers(
  svc: IssuanceServices,
  demoApiKeys: Record<string, string>,
  demoAdminPasswords: Record<string, string> = {},
): Promise<void> {
  for (const demo of demoIssuers) {
    const apiKey = demoApiKeys[demo.slug];
    if (!apiKey) continue;
    const [existing] = await svc.db.select().from(issuers).where(eq(issuers.slug, demo.slug));
    if (!existing) {
      const identifier = await svc.agent.didManagerGetOrCreate({
        alias: issuerDidAlias(svc.publicUrl, demo.slug),
        provider: "did:web",
        kms: "local",
        options: { keyType: "Ed25519" },
      });
      const key = identifier.keys[0];
      if (!key) throw new Error(`Veramo created no key for ${demo.slug}`);
      await svc.db.insert(issuers).values({
        slug: demo.slug,
        name: demo.name,
        kind: demo.kind,
        did: identifier.did,
        signingKid: key.kid,
        ledgerAddress: privateKeyToAccount(svc.ledger.keyFor(demo.slug)).address,
        credentialTypes: [...demo.credentialTypes],
      });
    } else if (existing.credentialTypes.join() !== demo.credentialTypes.join()) {
      // A demo issuer's accredited types follow demo-issuers.ts, also in an existing .data/.
      await svc.db
        .update(issuers)
        .set({ credentialTypes: [...demo.credentialTypes] })
        .where(eq(issuers.slug, demo.slug));
    }
    await svc.db
      .insert(apiKeys)
      .values({
        id: `demo-${demo.slug}-${hashSecret(apiKey).slice(0, 12)}`,
        issuerSlug: demo.slug,
        keyHash: hashSecret(apiKey),
        label: "Development key (VITAE_DEMO_API_KEYS)",
      })
      .onConflictDoNothing();
    const password = demoAdminPasswords[demo.slug];
    if (password) await ensureDemoAdmin(svc, demo.slug, password);
  }
  await seedAccreditations(svc);
}

/** The e-mail of a demo issuer's first admin. */
export function demoAdminEmail(slug: string): string {
  return `admin@${slug}.example`;
}

/** Creates the demo issuer's first admin unless an account with that e-mail exists. */
async function ensureDemoAdmin(svc: IssuanceServices, slug: string, password: string) {
  const email = demoAdminEmail(slug);
  const [existing] = await svc.db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.issuerSlug, slug), eq(staff.email, email)));
  if (existing) return;
  const issuer = await findIssuer(svc, slug);
  await createStaff(
    svc,
    issuer,
    systemActor,
    { email, name: "Demo admin", role: "admin" },
    // Seeded with a known password from the environment, not handed out by an admin: no forced change.
    { password, mustChangePassword: false },
  );
}

type ServicesHolder = { promise?: Promise<IssuanceServices> };
// Survives Next's dev-mode module reloads, so PGlite is opened once per process.
const holder = ((globalThis as { __vitaeServices?: ServicesHolder }).__vitaeServices ??= {});

export function getServices(): Promise<IssuanceServices> {
  holder.promise ??= (async () => {
    const e = env();
    const { db } = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.VITAE_DATA_DIR });
    const svc = createServices({
      db,
      secret: e.VITAE_SECRET,
      publicUrl: e.VITAE_PUBLIC_URL,
      ledgerConfig: {
        rpcUrl: e.LEDGER_RPC_URL,
        chainId: e.LEDGER_CHAIN_ID,
        contractAddress: e.ANCHOR_CONTRACT_ADDRESS as Hex,
      },
      confirmations: e.LEDGER_CONFIRMATIONS,
      issuerKeys: e.LEDGER_ISSUER_KEYS,
      fallbackKey: e.LEDGER_PRIVATE_KEY,
      statusLists: { ttlSeconds: e.STATUS_LIST_TTL_SECONDS, capacity: e.STATUS_LIST_CAPACITY },
      retention: {
        shareRowDays: e.SHARE_RETENTION_DAYS,
        requestAnswerDays: e.REQUEST_RETENTION_DAYS,
      },
      allowLoopbackWebhooks: e.NODE_ENV !== "production",
      anchoring: {
        batchWindowMs: e.ANCHOR_BATCH_WINDOW_MS,
        batchMaxChanges: e.ANCHOR_BATCH_MAX_CHANGES,
      },
      registryAddress: e.ISSUER_REGISTRY_ADDRESS as Address,
      governanceKey: e.GOVERNANCE_PRIVATE_KEY,
      governanceApiKey: e.GOVERNANCE_API_KEY,
    });
    await seedDemoIssuers(svc, e.VITAE_DEMO_API_KEYS, e.VITAE_DEMO_ADMIN_PASSWORDS);
    return svc;
  })().catch((err: unknown) => {
    holder.promise = undefined;
    throw err;
  });
  return holder.promise;
}
