import { z } from "zod";
import { didSchema } from "@/lib/credentials/schemas";
import { ownerSecretSchema, shareIdSchema, shareKeySchema } from "@/lib/shares/schemas";

/**
 * What the wallet receives from the claim API and keeps in IndexedDB. Every response is parsed
 * with these before the wallet acts on it; a server that answers something else gets a clear
 * error instead of a half-rendered page.
 */

/** The claim token travels in the link's fragment: base64url, ~32 characters. */
export const claimTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,256}$/);

export const compactJwtSchema = z
  .string()
  .max(64_000)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "must be a compact JWT");

export const claimOfferSchema = z.object({
  credentialId: z.string().min(1),
  type: z.string().min(1),
  issuer: z.object({ did: didSchema, name: z.string().min(1), slug: z.string().min(1) }),
  /** A few claims to show before accepting; display only, the credential itself is what counts. */
  preview: z.looseObject({ name: z.string().optional() }),
  /** Null when the link does not expire. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ClaimOffer = z.infer<typeof claimOfferSchema>;

// GET /api/v1/claims/[token]
export const claimOfferResponseSchema = z.object({
  offer: claimOfferSchema,
  nonce: z.string().min(1),
  audience: didSchema,
});
export type ClaimOfferResponse = z.infer<typeof claimOfferResponseSchema>;

// POST /api/v1/claims/[token]
export const claimResultSchema = z.object({
  id: z.string().min(1),
  credential: compactJwtSchema,
});
export type ClaimResult = z.infer<typeof claimResultSchema>;

/** The body of every API error (lib/errors.ts `AppError.toJSON`). */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The holder's public key as it appears in its did:jwk, members in this order. */
export const holderPublicJwkSchema = z.object({
  crv: z.literal("P-256"),
  kty: z.literal("EC"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type HolderPublicJwk = z.infer<typeof holderPublicJwkSchema>;

/** The one `identity` record. The key pair is a structured-cloned CryptoKeyPair (private key non-extractable). */
export type HolderIdentity = {
  id: "holder";
  did: string;
  kid: string;
  publicJwk: HolderPublicJwk;
  keyPair: CryptoKeyPair;
  createdAt: string;
};

export const storedCredentialSchema = z.object({
  /** The credential's own id (`jti`, else `vc.id`), so the same credential is stored once. */
  id: z.string().min(1),
  jwt: compactJwtSchema,
  type: z.string().min(1),
  issuerDid: z.string().min(1),
  issuerName: z.string().min(1),
  subjectName: z.string().optional(),
  addedAt: z.iso.datetime(),
  /** The origin of the Vitae instance the credential was claimed from. */
  claimedFrom: z.string().optional(),
  /** The did:jwk of the recovery key sent with the claim: it can re-bind this credential. */
  recoveryDid: z.string().optional(),
});
export type StoredCredential = z.infer<typeof storedCredentialSchema>;

/**
 * Encryption at rest and backups (lib/wallet/wallet-crypto.ts, lib/wallet/backup.ts). Binary
 * values are unpadded base64url strings, the same in IndexedDB and in a backup file.
 */
const b64u = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, "must be base64url");

/** One AES-GCM ciphertext with its 96-bit IV. */
export const sealedSchema = z.object({ iv: b64u(16, 16), ciphertext: b64u(22, 20_000_000) });
export type Sealed = z.infer<typeof sealedSchema>;

/**
 * A credential in IndexedDB: its id and date stay clear (the store is keyed and sorted by them);
 * everything else, the JWT included, is sealed under the wallet's data key with the id as
 * associated data, so a record cannot be swapped under another id.
 */
export type EncryptedCredentialRecord = { id: string; addedAt: string } & Sealed;

/** PBKDF2-SHA-256: fewer than OWASP's 600,000 iterations is refused; more than 10 M is a DoS. */
export const MIN_PBKDF2_ITERATIONS = 600_000;
export const kdfSchema = z.object({
  name: z.literal("PBKDF2"),
  hash: z.literal("SHA-256"),
  iterations: z.number().int().min(MIN_PBKDF2_ITERATIONS).max(10_000_000),
  salt: b64u(22, 43),
});
export type Kdf = z.infer<typeof kdfSchema>;

/** The wallet data key, wrapped (AES-GCM) under a key derived from the doctor's passphrase. */
export type PassphraseLock = { kdf: Kdf; iv: string; wrappedKey: string };

export const passphraseSchema = z
  .string()
  .min(10, { error: "Use at least 10 characters; a short phrase of several words is best." })
  .max(1024);

/**
 * The recovery key: a P-256 key made exportable on purpose, whose private part is kept sealed
 * under the data key in this browser and otherwise exists only inside encrypted backups.
 */
export const recoveryKeySchema = z.object({
  did: z.string().startsWith("did:jwk:"),
  privateJwk: z.object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  }),
  createdAt: z.iso.datetime(),
});
export type RecoveryKey = z.infer<typeof recoveryKeySchema>;

/**
 * A dossier the doctor shared (lib/wallet/dossier-shares.ts), as the wallet remembers it, sealed
 * under the data key like the credentials. The link's key, the owner secret and the recipient
 * label live only here: the server has the ciphertext, the expiry and the view limit.
 */
export const walletShareSchema = z.object({
  id: z.string().min(1),
  /** The AES key from the link's fragment, so the link and its QR can be shown again. */
  key: z.string().min(1),
  /** Proves ownership to the server (revoke, views); it stores only the hash. */
  ownerSecret: z.string().min(1),
  /** The Vitae instance that holds the ciphertext. */
  origin: z.string().min(1),
  label: z.string().max(200),
  credentials: z.array(z.object({ id: z.string(), title: z.string() })).min(1),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  maxViews: z.number().int(),
  revokedAt: z.iso.datetime().nullable(),
});
export type WalletShare = z.infer<typeof walletShareSchema>;

export const BACKUP_FORMAT = "vitae-wallet-backup" as const;

/**
 * A share as a backup carries it. Stricter than the wallet's own record: a backup file comes from
 * outside, and a restored share's origin is where the wallet will send its owner secret.
 */
export const backupShareSchema = walletShareSchema.extend({
  id: shareIdSchema,
  key: shareKeySchema,
  ownerSecret: ownerSecretSchema,
  origin: z
    .url({ protocol: /^https?$/ })
    .refine((url) => new URL(url).origin === url, "must be an origin, without a path"),
  credentials: z
    .array(z.object({ id: z.string().min(1).max(2_000), title: z.string().max(500) }))
    .min(1)
    .max(1_000),
  maxViews: z.number().int().min(1),
});

export const MAX_BACKUP_SHARES = 10_000;

/** The file a backup writes. Everything but these few header fields is in `ciphertext`. */
export const backupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  kdf: kdfSchema,
  cipher: z.object({ name: z.literal("AES-GCM"), iv: b64u(16, 16) }),
  ciphertext: b64u(22, 20_000_000),
});
export type BackupEnvelope = z.infer<typeof backupEnvelopeSchema>;

/** What a backup holds once decrypted. */
export const backupContentsSchema = z.object({
  /** The DID the credentials were bound to in the wallet that wrote the backup. */
  holderDid: z.string().nullable(),
  credentials: z.array(storedCredentialSchema).max(10_000),
  recoveryKeys: z.array(recoveryKeySchema).max(100),
  /**
   * The dossier links this wallet handed out, with the owner secret that revokes each one and
   * reads its opens (the server checks that secret, not the holder key, so they stay manageable
   * from a restored wallet with a new key). Backups written before shares were carried have no
   * such field: they restore with none. Older readers ignore it.
   */
  shares: z.array(backupShareSchema).max(MAX_BACKUP_SHARES).default([]),
});
export type BackupContents = z.infer<typeof backupContentsSchema>;

// POST /api/v1/challenges
export const challengeResponseSchema = z.object({
  challenge: z.string().min(1),
  domain: z.string().min(1),
});

const rebindRefusalSchema = z.object({
  credentialId: z.string(),
  ok: z.literal(false),
  code: z.string().min(1),
  message: z.string(),
});

// POST /api/v1/rebind
export const rebindResponseSchema = z.object({
  holder: z.string(),
  results: z.array(
    z.discriminatedUnion("ok", [
      z.object({ credentialId: z.string(), ok: z.literal(true), credential: compactJwtSchema }),
      rebindRefusalSchema,
    ]),
  ),
});

/** One credential's outcome of a re-bind, as the wallet shows it. */
export type RebindOutcome =
  { credentialId: string; ok: true; credential: string } | z.infer<typeof rebindRefusalSchema>;
