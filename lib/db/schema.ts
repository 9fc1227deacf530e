import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * One schema for PGlite and PostgreSQL. Personal data (subject names, licence numbers) lives only
 * here, never on the ledger: the chain sees list ids, versions and hashes.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const issuers = pgTable("issuers", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["medical-school", "licensing-authority", "hospital"] }).notNull(),
  did: text("did").notNull().unique(),
  /** The Veramo key id of the issuer's assertion key. */
  signingKid: text("signing_kid").notNull(),
  ledgerAddress: text("ledger_address").notNull(),
  credentialTypes: jsonb("credential_types").$type<string[]>().notNull(),
  createdAt: createdAt(),
});

export const apiKeys = pgTable("api_keys", {
  id: text("id").primaryKey(),
  issuerSlug: text("issuer_slug")
    .notNull()
    .references(() => issuers.slug),
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  keyHash: text("key_hash").notNull().unique(),
  label: text("label").notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

// Veramo's key manager and DID manager stores (see lib/issuance/veramo-stores.ts).
export const veramoKeys = pgTable("veramo_keys", {
  kid: text("kid").primaryKey(),
  kms: text("kms").notNull(),
  type: text("type").notNull(),
  publicKeyHex: text("public_key_hex").notNull(),
  meta: jsonb("meta").$type<Record<string, unknown> | null>(),
});

export const veramoPrivateKeys = pgTable("veramo_private_keys", {
  alias: text("alias").primaryKey(),
  type: text("type").notNull(),
  /** privateKeyHex sealed with VITAE_SECRET (Veramo SecretBox). */
  sealed: text("sealed").notNull(),
});

export const veramoIdentifiers = pgTable("veramo_identifiers", {
  did: text("did").primaryKey(),
  alias: text("alias").notNull().unique(),
  provider: text("provider").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
});

export const statusLists = pgTable(
  "status_lists",
  {
    id: text("id").primaryKey(),
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    purpose: text("purpose", { enum: ["revocation", "suspension"] }).notNull(),
    /** Lists come in series: series n has one revocation and one suspension list, same indexes. */
    series: integer("series").notNull(),
    size: integer("size").notNull(),
    bits: bytea("bits").notNull(),
    /** The newest version (may still await its anchor). */
    version: integer("version").notNull(),
    /** The newest version anchored on the ledger: the one served. 0 = none yet. */
    anchoredVersion: integer("anchored_version").notNull().default(0),
    /**
     * Status slots handed out in this series (kept on the revocation list of the series; its
     * suspension twin uses the same indexes). When it reaches `capacity`, a new series opens.
     */
    allocated: integer("allocated").notNull().default(0),
    capacity: integer("capacity").notNull().default(131072),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("status_lists_series").on(t.issuerSlug, t.series, t.purpose)],
);

export const statusListVersions = pgTable(
  "status_list_versions",
  {
    listId: text("list_id")
      .notNull()
      .references(() => statusLists.id),
    version: integer("version").notNull(),
    /** The exact bytes served for this version; its SHA-256 is what gets anchored. */
    jwt: text("jwt").notNull(),
    hash: text("hash").notNull(),
    state: text("state", { enum: ["pending", "anchored"] }).notNull(),
    /** The signed list's own validity: a verifier treats it as stale after this. */
    validUntil: timestamp("valid_until", { withTimezone: true }),
    /** How many changes (status_changes rows) this version carries; 0 for a refresh. */
    changeCount: integer("change_count").notNull().default(0),
    // The anchoring outbox: a pending version is retried with backoff until the chain has it.
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastError: text("last_error"),
    anchorTx: text("anchor_tx"),
    blockNumber: bigint("block_number", { mode: "number" }),
    anchoredAt: timestamp("anchored_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.version] }),
    // At most one pending version per list: versions on the chain step by one.
    uniqueIndex("status_list_versions_one_pending")
      .on(t.listId)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/**
 * The outbox of status changes: each revoke, suspend or reinstate writes one row in the same
 * transaction as the credential's new status. The anchoring worker folds the rows of one list that
 * arrive within a short window into one new list version (`version` is set then) and anchors it.
 */
export const statusChanges = pgTable(
  "status_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    listId: text("list_id")
      .notNull()
      .references(() => statusLists.id),
    statusIndex: integer("status_index").notNull(),
    value: boolean("value").notNull(),
    credentialId: text("credential_id"),
    /** The list version that carries this change; null while it waits for the next batch. */
    version: integer("version"),
    createdAt: createdAt(),
  },
  (t) => [
    index("status_changes_unbatched")
      .on(t.listId, t.id)
      .where(sql`${t.version} is null`),
  ],
);

export const credentials = pgTable(
  "credentials",
  {
    id: text("id").primaryKey(),
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    type: text("type").notNull(),
    subjectDid: text("subject_did"),
    claims: jsonb("claims").$type<Record<string, unknown>>().notNull(),
    jwt: text("jwt").notNull(),
    listSeries: integer("list_series").notNull(),
    statusIndex: integer("status_index").notNull(),
    status: text("status", { enum: ["active", "revoked", "suspended"] })
      .notNull()
      .default("active"),
    statusReason: text("status_reason"),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    claimTokenHash: text("claim_token_hash").unique(),
    claimNonce: text("claim_nonce"),
    claimExpiresAt: timestamp("claim_expires_at", { withTimezone: true }),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /**
     * The issuer's own key for the record behind the credential (a bulk file's row key, e.g. a
     * licence number). Bulk issuance is idempotent by it: one original credential per key.
     */
    rowKey: text("row_key"),
    /** The credential this one corrects (amend); the old one is revoked as "superseded". */
    previousId: text("previous_id"),
    /**
     * The did:jwk of the wallet's recovery key, sent at claim time: a re-bind request signed by it
     * moves the credential to a new holder key (lib/issuance/rebind-credentials.ts). A public key.
     */
    recoveryDid: text("recovery_did"),
  },
  (t) => [
    // Random indexes are never reused: one credential per (issuer, series, index).
    uniqueIndex("credentials_status_slot").on(t.issuerSlug, t.listSeries, t.statusIndex),
    index("credentials_issuer_issued").on(t.issuerSlug, t.issuedAt.desc()),
    // Corrections carry the row key of what they correct, so only originals are unique by it.
    uniqueIndex("credentials_row_key")
      .on(t.issuerSlug, t.rowKey)
      .where(sql`${t.rowKey} is not null and ${t.previousId} is null`),
    index("credentials_previous").on(t.previousId),
  ],
);

/**
 * A bulk issuance job: a validated CSV turned into rows, issued by the server's bulk worker in
 * chunks. Job and rows live in the database, so the work survives the tab closing and a restart.
 */
export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: text("id").primaryKey(),
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    type: text("type").notNull(),
    fileName: text("file_name").notNull(),
    /** SHA-256 of the uploaded file (not the file: its rows are below). */
    fileHash: text("file_hash").notNull(),
    total: integer("total").notNull(),
    /** Rows of the file left out as invalid when the job was created (not in bulk_rows). */
    skipped: integer("skipped").notNull().default(0),
    /** Who started the job: its credentials' audit entries name them (null: jobs from before). */
    actorType: text("actor_type", { enum: ["staff", "api-key", "system"] }),
    actorId: text("actor_id"),
    state: text("state", { enum: ["running", "done"] })
      .notNull()
      .default("running"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("bulk_jobs_issuer").on(t.issuerSlug, t.createdAt.desc())],
);

export const bulkRows = pgTable(
  "bulk_rows",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => bulkJobs.id),
    /** The row's line in the file (header = 1), as the preview named it. */
    rowNumber: integer("row_number").notNull(),
    rowKey: text("row_key").notNull(),
    subject: jsonb("subject").$type<Record<string, unknown>>().notNull(),
    /** "existing": the row key already had a credential (re-upload); nothing new was issued. */
    state: text("state", { enum: ["pending", "issued", "existing", "failed"] })
      .notNull()
      .default("pending"),
    credentialId: text("credential_id"),
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.rowNumber] }),
    index("bulk_rows_pending")
      .on(t.jobId, t.rowNumber)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/**
 * One-time challenges for presentation requests (POST /api/v1/challenges). In the database, so an
 * answer is accepted exactly once across restarts and server processes. Only nonces and the
 * verifier's domain: no personal data.
 */
export const presentationChallenges = pgTable(
  "presentation_challenges",
  {
    nonce: text("nonce").primaryKey(),
    domain: text("domain").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("presentation_challenges_expiry").on(t.expiresAt)],
);

/**
 * Status-change subscriptions: a verifier asks to be told, at its webhook, when a credential it
 * verified is revoked, suspended or reinstated. Nothing personal is stored: the credential's id,
 * where its bits are (`status_subscription_slots`) and the webhook. The secret signs the
 * notifications (HMAC-SHA256); the subscriber sees it once.
 */
export const statusSubscriptions = pgTable("status_subscriptions", {
  id: text("id").primaryKey(),
  credentialId: text("credential_id").notNull(),
  webhookUrl: text("webhook_url").notNull(),
  secret: text("secret").notNull(),
  createdAt: createdAt(),
  cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
});

export const statusSubscriptionSlots = pgTable(
  "status_subscription_slots",
  {
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => statusSubscriptions.id),
    listId: text("list_id")
      .notNull()
      .references(() => statusLists.id),
    statusIndex: integer("status_index").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.listId] }),
    index("status_subscription_slots_bit").on(t.listId, t.statusIndex),
  ],
);

/** The outbox of webhook notifications, retried with backoff until the subscriber answers 2xx. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => statusSubscriptions.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Set when the subscriber never answered 2xx after every retry. */
    abandonedAt: timestamp("abandoned_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due")
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null and ${t.abandonedAt} is null`),
  ],
);

/**
 * Issuer staff: people who sign in to the console. Passwords are stored only as an scrypt hash
 * string that carries its own parameters (see lib/issuance/password.ts).
 */
export const staff = pgTable(
  "staff",
  {
    id: text("id").primaryKey(),
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    /** Lower-cased; unique within the issuer. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["admin", "staff"] }).notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Set by an admin's reset (a temporary password): the console allows nothing but a change. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("staff_issuer_email").on(t.issuerSlug, t.email)],
);

/** Console sessions: only the SHA-256 of the cookie's token is stored. */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id),
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("staff_sessions_staff").on(t.staffId)],
);

/**
 * Failed console sign-ins (lib/issuance/sign-in-throttle.ts), so a lockout holds across server
 * processes and restarts. One row per (issuer, key): `account:<e-mail>` counts one account's
 * failures (known e-mail or not, so a lockout tells nothing about who exists), `issuer` counts
 * all of the issuer's.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    key: text("key").notNull(),
    failures: integer("failures").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.issuerSlug, t.key] })],
);

/**
 * The per-issuer hash-chained audit log (lib/issuance/audit-log.ts). The primary key on
 * (issuer, seq) means two appends can never fork the chain; `audit_heads` is the row each append
 * locks to take the next seq.
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorType: text("actor_type", { enum: ["staff", "api-key", "system"] }).notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    credentialId: text("credential_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerSlug, t.seq] })],
);

export const auditHeads = pgTable("audit_heads", {
  issuerSlug: text("issuer_slug")
    .primaryKey()
    .references(() => issuers.slug),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
});

/** Each anchor of an issuer's audit-log head on the ledger (StatusListAnchor, its own list key). */
export const auditAnchors = pgTable(
  "audit_anchors",
  {
    issuerSlug: text("issuer_slug")
      .notNull()
      .references(() => issuers.slug),
    version: integer("version").notNull(),
    seq: integer("seq").notNull(),
    hash: text("hash").notNull(),
    anchorTx: text("anchor_tx"),
    blockNumber: bigint("block_number", { mode: "number" }),
    anchoredAt: timestamp("anchored_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuerSlug, t.version] })],
);

/**
 * OpenID4VCI access tokens (lib/issuance/oid4vci): what the token endpoint hands out for a
 * pre-authorized code (a credential's claim token). Only hashes of the token; one live token per
 * credential (the unique index), so a code cannot be exchanged twice while its token lives.
 */
export const oid4vciAccessTokens = pgTable(
  "oid4vci_access_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    credentialId: text("credential_id")
      .notNull()
      .references(() => credentials.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("oid4vci_access_tokens_credential").on(t.credentialId)],
);

/**
 * Dossier share links (lib/shares): the wallet uploads only an AES-GCM ciphertext whose key stays
 * in the link's fragment, so these rows hold nothing readable — no names, no label, no IP. The
 * ciphertext is dropped when the owner revokes. `views` is counted by one conditional UPDATE, so
 * `max_views` holds under parallel opens.
 */
export const shares = pgTable("shares", {
  id: text("id").primaryKey(),
  /** Null once revoked. */
  ciphertext: text("ciphertext"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  maxViews: integer("max_views").notNull(),
  views: integer("views").notNull().default(0),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  /** SHA-256 (hex) of the owner secret only the wallet keeps. */
  ownerSecretHash: text("owner_secret_hash").notNull(),
  createdAt: createdAt(),
});

/** Each successful open of a share: when, and a coarse client ("Chrome on Android"); no IP. */
export const shareViews = pgTable(
  "share_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shareId: text("share_id")
      .notNull()
      .references(() => shares.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    client: text("client").notNull(),
  },
  (t) => [index("share_views_share").on(t.shareId, t.at)],
);

/**
 * Verifier requests (POST /api/v1/requests): the policy and its DCQL query, the nonce and audience
 * the wallet must sign, and, once answered, the verification result and policy evaluation. The
 * creator reads the result with a secret kept only as its SHA-256. `answered_at` is set by one
 * conditional UPDATE when the holder's signature over the nonce is confirmed, so a request is
 * answered once. The answer (`result`) holds the presented credentials, which are personal data
 * the doctor chose to share with this verifier; nothing here goes to the ledger.
 */
export const verifierRequests = pgTable(
  "verifier_requests",
  {
    id: text("id").primaryKey(),
    readSecretHash: text("read_secret_hash").notNull(),
    nonce: text("nonce").notNull(),
    audience: text("audience").notNull(),
    verifierName: text("verifier_name").notNull(),
    purpose: text("purpose").notNull(),
    policy: jsonb("policy").$type<Record<string, unknown>>().notNull(),
    dcql: jsonb("dcql").$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    result: jsonb("result").$type<Record<string, unknown> | null>(),
    /** Set with answeredAt when the doctor declined (OpenID4VP error response access_denied). */
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("verifier_requests_nonce").on(t.nonce),
    index("verifier_requests_expiry").on(t.expiresAt),
  ],
);
