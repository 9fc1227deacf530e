import "client-only";
import { openDB, type IDBPDatabase } from "idb";
import { readBackup, writeBackup, type BackupError } from "./backup";
import { describeCredential } from "./describe-credential";
import { generateHolderKey } from "./holder-key";
import {
  backupShareSchema,
  type EncryptedCredentialRecord,
  type HolderIdentity,
  type PassphraseLock,
  type RecoveryKey,
  type Sealed,
  type StoredCredential,
  type WalletShare,
} from "./schemas";
import {
  decryptCredential,
  encryptCredential,
  generateDataKey,
  generateRecoveryKey,
  isClearRecord,
  lockDataKey,
  sealRecoveryKeys,
  unlockDataKey,
  sealShares,
  unsealRecoveryKeys,
  unsealShares,
  type WalletCryptoError,
} from "./wallet-crypto";

/**
 * The wallet lives in this browser's IndexedDB and nowhere else, database `vitae-wallet`:
 * - `identity`: the holder's CryptoKeyPair (structured-cloned, so the private key stays
 *   non-extractable at rest too) and its DID;
 * - `credentials`: one record per credential, sealed under the wallet's data key (see
 *   wallet-crypto.ts); records from before encryption (schema v1) are sealed on first open;
 * - `settings`: the data key (a non-extractable CryptoKey, or only its passphrase-wrapped bytes),
 *   the sealed recovery keys, the sealed list of dossier shares and the date of the last backup.
 * The unwrapped data key of a passphrase-protected wallet lives in this module's memory while the
 * wallet is unlocked: a reload or "Lock" forgets it.
 */

type DataKeyRecord =
  | { id: "data-key"; kind: "device"; key: CryptoKey }
  | { id: "data-key"; kind: "passphrase"; lock: PassphraseLock };
type SettingsRecord =
  | DataKeyRecord
  | ({ id: "recovery-keys" } & Sealed)
  | ({ id: "shares" } & Sealed)
  | { id: "last-backup"; at: string };

type WalletDb = {
  identity: { key: string; value: HolderIdentity };
  credentials: {
    key: string;
    value: EncryptedCredentialRecord | StoredCredential;
    indexes: { "by-addedAt": string };
  };
  settings: { key: string; value: SettingsRecord };
};

const DB_NAME = "vitae-wallet";
const DB_VERSION = 2;
const IDENTITY_ID = "holder";

export class WalletLockedError extends Error {
  readonly code = "LOCKED";
  constructor() {
    super("The wallet is locked. Unlock it with your passphrase first.");
    this.name = "WalletLockedError";
  }
}

let dbPromise: Promise<IDBPDatabase<WalletDb>> | undefined;
let session: CryptoKey | undefined;

function openWalletDb(): Promise<IDBPDatabase<WalletDb>> {
  dbPromise ??= openDB<WalletDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore("identity", { keyPath: "id" });
        const credentials = db.createObjectStore("credentials", { keyPath: "id" });
        credentials.createIndex("by-addedAt", "addedAt");
      }
      if (oldVersion < 2) db.createObjectStore("settings", { keyPath: "id" });
    },
    // Another tab needs a newer schema: let it, and reopen on next use.
    blocking() {
      void dbPromise?.then((db) => db.close());
      dbPromise = undefined;
    },
  }).catch((error: unknown) => {
    dbPromise = undefined;
    throw error;
  });
  return dbPromise;
}

export type WalletState = {
  identity: HolderIdentity | null;
  locked: boolean;
  protection: "device" | "passphrase";
  lastBackupAt: string | null;
  credentialCount: number;
};

async function dataKeyRecord(db: IDBPDatabase<WalletDb>): Promise<DataKeyRecord> {
  const existing = (await db.get("settings", "data-key")) as DataKeyRecord | undefined;
  if (existing) return existing;
  const record: DataKeyRecord = {
    id: "data-key",
    kind: "device",
    key: await generateDataKey(false),
  };
  try {
    await db.add("settings", record);
    return record;
  } catch (error) {
    // Another tab made one first: use that one.
    const winner = (await db.get("settings", "data-key")) as DataKeyRecord | undefined;
    if (winner) return winner;
    throw error;
  }
}

/**
 * Opens the wallet: makes the data key on first use, unlocks a wallet without a passphrase,
 * seals any credential still stored in the clear and gives a wallet made before recovery keys
 * its recovery key.
 */
export async function openWallet(): Promise<WalletState> {
  const db = await openWalletDb();
  const keyRecord = await dataKeyRecord(db);
  if (keyRecord.kind === "device") session = keyRecord.key;
  const identity = (await db.get("identity", IDENTITY_ID)) ?? null;
  if (session) {
    await sealClearRecords(db, session);
    if (identity) await ensureRecoveryKey(db, session);
  }
  const lastBackup = (await db.get("settings", "last-backup")) as { at: string } | undefined;
  return {
    identity,
    locked: !session,
    protection: keyRecord.kind,
    lastBackupAt: lastBackup?.at ?? null,
    credentialCount: await db.count("credentials"),
  };
}

async function sealClearRecords(db: IDBPDatabase<WalletDb>, key: CryptoKey): Promise<void> {
  const clear = (await db.getAll("credentials")).filter(isClearRecord);
  if (!clear.length) return;
  const sealed = await Promise.all(clear.map((c) => encryptCredential(key, c)));
  const tx = db.transaction("credentials", "readwrite");
  await Promise.all([...sealed.map((r) => tx.store.put(r)), tx.done]);
}

async function readRecoveryKeys(
  db: IDBPDatabase<WalletDb>,
  key: CryptoKey,
): Promise<RecoveryKey[]> {
  const sealed = (await db.get("settings", "recovery-keys")) as Sealed | undefined;
  return sealed ? unsealRecoveryKeys(key, sealed) : [];
}

async function ensureRecoveryKey(db: IDBPDatabase<WalletDb>, key: CryptoKey): Promise<void> {
  if (await db.get("settings", "recovery-keys")) return;
  const sealed = await sealRecoveryKeys(key, [await generateRecoveryKey()]);
  await db.put("settings", { id: "recovery-keys", ...sealed });
}

function requireSession(): CryptoKey {
  if (!session) throw new WalletLockedError();
  return session;
}

export async function unlockWallet(passphrase: string): Promise<{ ok: true } | WalletCryptoError> {
  const db = await openWalletDb();
  const keyRecord = await dataKeyRecord(db);
  if (keyRecord.kind === "device") {
    session = keyRecord.key;
    return { ok: true };
  }
  const unlocked = await unlockDataKey(keyRecord.lock, passphrase);
  if (!unlocked.ok) return unlocked;
  session = unlocked.value;
  await openWallet();
  return { ok: true };
}

/** Forgets the unwrapped data key. A wallet without a passphrase cannot be locked. */
export function lockWallet(): void {
  session = undefined;
}

/** Null (not undefined) when there is none, so it can be TanStack Query data. */
export async function getIdentity(): Promise<HolderIdentity | null> {
  const db = await openWalletDb();
  return (await db.get("identity", IDENTITY_ID)) ?? null;
}

/**
 * Returns the existing identity, or makes one, with its recovery key. Never replaces a key:
 * losing it would orphan every credential bound to its DID. Two tabs racing both generate a key,
 * but `add` lets only the first one in; the other reads the winner back.
 */
export async function createIdentity(): Promise<HolderIdentity> {
  const existing = await getIdentity();
  if (existing) return existing;
  const key = await generateHolderKey();
  const identity: HolderIdentity = { id: IDENTITY_ID, ...key, createdAt: new Date().toISOString() };
  const db = await openWalletDb();
  try {
    await db.add("identity", identity);
  } catch (error) {
    const winner =
      error instanceof DOMException && error.name === "ConstraintError"
        ? await getIdentity()
        : null;
    if (winner) return winner;
    throw error;
  }
  if (session) await ensureRecoveryKey(db, session);
  await requestPersistentStorage();
  return identity;
}

/**
 * Asks the browser not to evict the wallet under storage pressure. Best effort: some browsers
 * grant it silently, some ask, some refuse, and the wallet works either way.
 */
async function requestPersistentStorage(): Promise<void> {
  try {
    if (!(await navigator.storage?.persisted?.())) await navigator.storage?.persist?.();
  } catch {
    // Not available here (older browser, insecure context): nothing to do.
  }
}

/** The credential in a record, or null for one that does not open (left in place, not shown). */
async function openRecord(
  key: CryptoKey,
  record: EncryptedCredentialRecord | StoredCredential,
): Promise<StoredCredential | null> {
  if (isClearRecord(record)) return record;
  const opened = await decryptCredential(key, record);
  return opened.ok ? opened.value : null;
}

async function readAllCredentials(
  db: IDBPDatabase<WalletDb>,
  key: CryptoKey,
): Promise<StoredCredential[]> {
  const records = await db.getAllFromIndex("credentials", "by-addedAt");
  const opened = await Promise.all(records.map((r) => openRecord(key, r)));
  return opened.filter((c): c is StoredCredential => c !== null);
}

/** Newest first. Throws WalletLockedError while locked. */
export async function listCredentials(): Promise<StoredCredential[]> {
  const key = requireSession();
  const db = await openWalletDb();
  return (await readAllCredentials(db, key)).reverse();
}

export type NewCredential = {
  jwt: string;
  issuerName: string;
  /** Used only when the JWT carries neither `jti` nor `vc.id`. */
  fallbackId?: string;
  claimedFrom?: string;
  /** The recovery key's did:jwk sent with the claim (see rebind-credentials.ts). */
  recoveryDid?: string;
};

/**
 * Files a credential under its own id (`jti`, else `vc.id`), so adding the same credential twice
 * keeps one card. Returns the stored record and whether it was new.
 */
export async function addCredential(
  input: NewCredential,
): Promise<{ credential: StoredCredential; added: boolean }> {
  const key = requireSession();
  const described = describeCredential(input.jwt);
  const id = described.id ?? input.fallbackId;
  if (!id || !described.issuerDid) {
    throw new Error("This is not a credential the wallet can file: it has no id or no issuer.");
  }
  const record: StoredCredential = {
    id,
    jwt: input.jwt,
    type: described.type,
    issuerDid: described.issuerDid,
    issuerName: input.issuerName,
    addedAt: new Date().toISOString(),
    ...(described.holderName ? { subjectName: described.holderName } : {}),
    ...(input.claimedFrom ? { claimedFrom: input.claimedFrom } : {}),
    ...(input.recoveryDid ? { recoveryDid: input.recoveryDid } : {}),
  };
  // Sealed before the transaction: IndexedDB commits a transaction left waiting on other work.
  const sealed = await encryptCredential(key, record);
  const db = await openWalletDb();
  const tx = db.transaction("credentials", "readwrite");
  const existing = await tx.store.get(id);
  if (!existing) await tx.store.add(sealed);
  await tx.done;
  if (!existing) return { credential: record, added: true };
  return { credential: (await openRecord(key, existing)) ?? record, added: false };
}

/**
 * Puts a re-issued JWT in place of a stored credential's (same id: a re-bind after a restore).
 * Everything else on the record is kept. Refuses a JWT for another credential.
 */
export async function replaceCredentialJwt(id: string, jwt: string): Promise<StoredCredential> {
  const key = requireSession();
  const db = await openWalletDb();
  const existing = await db.get("credentials", id);
  const current = existing ? await openRecord(key, existing) : null;
  if (!current) throw new Error("This credential is no longer in the wallet.");
  const described = describeCredential(jwt);
  if ((described.id ?? id) !== id || described.issuerDid !== current.issuerDid) {
    throw new Error("The re-issued credential is not the same credential.");
  }
  const updated: StoredCredential = { ...current, jwt };
  await db.put("credentials", await encryptCredential(key, updated));
  return updated;
}

/** This wallet's recovery keys: its own first, then any a restored backup brought. */
export async function listRecoveryKeys(): Promise<RecoveryKey[]> {
  const key = requireSession();
  const db = await openWalletDb();
  if (await getIdentity()) await ensureRecoveryKey(db, key);
  return readRecoveryKeys(db, key);
}

/** The did:jwk of this wallet's own recovery key, sent with each claim. Null while locked. */
export async function ownRecoveryDid(): Promise<string | null> {
  if (!session) return null;
  return (await listRecoveryKeys())[0]?.did ?? null;
}

export async function removeCredential(id: string): Promise<void> {
  const db = await openWalletDb();
  await db.delete("credentials", id);
}

/**
 * Puts everything under a new data key in one transaction: all credentials and the recovery
 * keys re-sealed, and the new key record. A failure anywhere before the commit changes nothing.
 */
async function rekey(newKey: CryptoKey, keyRecord: DataKeyRecord): Promise<void> {
  const oldKey = requireSession();
  const db = await openWalletDb();
  const credentials = await readAllCredentials(db, oldKey);
  const recoveryKeys = await readRecoveryKeys(db, oldKey);
  const records = await Promise.all(credentials.map((c) => encryptCredential(newKey, c)));
  const recovery = recoveryKeys.length ? await sealRecoveryKeys(newKey, recoveryKeys) : null;
  const shares = await readShares(db, oldKey);
  const sealedShares = shares.length ? await sealShares(newKey, shares) : null;
  const tx = db.transaction(["credentials", "settings"], "readwrite");
  const writes: Promise<unknown>[] = records.map((r) => tx.objectStore("credentials").put(r));
  writes.push(tx.objectStore("settings").put(keyRecord));
  if (recovery) writes.push(tx.objectStore("settings").put({ id: "recovery-keys", ...recovery }));
  if (sealedShares) writes.push(tx.objectStore("settings").put({ id: "shares", ...sealedShares }));
  await Promise.all([...writes, tx.done]);
  session = newKey;
}

/** The current passphrase must be given again to change or remove it. */
async function checkCurrentPassphrase(
  current: string | undefined,
): Promise<WalletCryptoError | null> {
  const db = await openWalletDb();
  const keyRecord = await dataKeyRecord(db);
  if (keyRecord.kind === "device") return null;
  const unlocked = await unlockDataKey(keyRecord.lock, current ?? "");
  return unlocked.ok ? null : unlocked;
}

/** Sets or changes the passphrase. */
export async function setPassphrase(
  passphrase: string,
  current?: string,
): Promise<{ ok: true } | WalletCryptoError> {
  requireSession();
  const wrong = await checkCurrentPassphrase(current);
  if (wrong) return wrong;
  const { lock, key } = await lockDataKey(passphrase);
  await rekey(key, { id: "data-key", kind: "passphrase", lock });
  return { ok: true };
}

/** Back to a device-bound key: the wallet opens without asking in this browser profile. */
export async function removePassphrase(current: string): Promise<{ ok: true } | WalletCryptoError> {
  requireSession();
  const wrong = await checkCurrentPassphrase(current);
  if (wrong) return wrong;
  const key = await generateDataKey(false);
  await rekey(key, { id: "data-key", kind: "device", key });
  return { ok: true };
}

export async function exportBackup(
  passphrase: string,
): Promise<
  { ok: true; value: { text: string; fileName: string; createdAt: string } } | BackupError
> {
  const key = requireSession();
  const db = await openWalletDb();
  const identity = await getIdentity();
  if (identity) await ensureRecoveryKey(db, key);
  const result = await writeBackup(
    {
      holderDid: identity?.did ?? null,
      credentials: await readAllCredentials(db, key),
      recoveryKeys: await readRecoveryKeys(db, key),
      // A record the wallet could not use again (none it made itself) is left out, not fatal.
      shares: (await readShares(db, key)).filter((s) => backupShareSchema.safeParse(s).success),
    },
    passphrase,
  );
  if (result.ok) await db.put("settings", { id: "last-backup", at: result.value.createdAt });
  return result;
}

export type RestoreSummary = {
  added: number;
  alreadyPresent: number;
  backupCreatedAt: string;
  /** The DID the restored credentials are bound to, when it is not this wallet's. */
  previousHolderDid: string | null;
  /** Dossier shares from the backup that this wallet did not list yet. */
  sharesAdded: number;
};

/**
 * The wallet's shares with a backup's merged in. A share listed on both sides keeps this wallet's
 * record, except that a revocation on either side stands (the server never un-revokes).
 */
function mergeShares(
  current: WalletShare[],
  restored: WalletShare[],
): { merged: WalletShare[]; added: number; changed: boolean } {
  const byId = new Map(current.map((s) => [s.id, s]));
  let added = 0;
  let changed = false;
  for (const share of restored) {
    const here = byId.get(share.id);
    if (!here) {
      added += 1;
      changed = true;
      byId.set(share.id, share);
    } else if (!here.revokedAt && share.revokedAt) {
      changed = true;
      byId.set(share.id, { ...here, revokedAt: share.revokedAt });
    }
  }
  return { merged: [...byId.values()], added, changed };
}

/**
 * Restores a backup into this wallet: credentials not already here are added, recovery keys are
 * kept alongside this wallet's own, and the dossier shares join this wallet's list (so they can
 * still be followed and revoked). A wrong passphrase or a damaged file changes nothing.
 */
export async function restoreBackup(
  text: string,
  passphrase: string,
): Promise<{ ok: true; value: RestoreSummary } | BackupError> {
  const backup = await readBackup(text, passphrase);
  if (!backup.ok) return backup;
  const key = requireSession();
  const identity = await createIdentity();
  const db = await openWalletDb();
  const existingIds = new Set(await db.getAllKeys("credentials"));
  const fresh = backup.value.credentials.filter((c) => !existingIds.has(c.id));
  const records = await Promise.all(fresh.map((c) => encryptCredential(key, c)));
  const current = await readRecoveryKeys(db, key);
  const known = new Set(current.map((k) => k.did));
  const merged = [...current, ...backup.value.recoveryKeys.filter((k) => !known.has(k.did))];
  const recovery = merged.length ? await sealRecoveryKeys(key, merged) : null;
  // In the share-write queue: a share saved meanwhile in this tab is not overwritten.
  const sharesAdded = await queueShareWrite(async () => {
    const shares = mergeShares(await readShares(db, key), backup.value.shares);
    const sealedShares = shares.changed ? await sealShares(key, shares.merged) : null;
    const tx = db.transaction(["credentials", "settings"], "readwrite");
    const writes: Promise<unknown>[] = records.map((r) => tx.objectStore("credentials").put(r));
    if (recovery) {
      writes.push(tx.objectStore("settings").put({ id: "recovery-keys", ...recovery }));
    }
    if (sealedShares)
      writes.push(tx.objectStore("settings").put({ id: "shares", ...sealedShares }));
    await Promise.all([...writes, tx.done]);
    return shares.added;
  });
  return {
    ok: true,
    value: {
      added: fresh.length,
      alreadyPresent: backup.value.credentials.length - fresh.length,
      backupCreatedAt: backup.value.createdAt,
      previousHolderDid:
        backup.value.holderDid && backup.value.holderDid !== identity.did
          ? backup.value.holderDid
          : null,
      sharesAdded,
    },
  };
}

async function readShares(db: IDBPDatabase<WalletDb>, key: CryptoKey): Promise<WalletShare[]> {
  const sealed = (await db.get("settings", "shares")) as Sealed | undefined;
  return sealed ? unsealShares(key, sealed) : [];
}

/** The dossiers this wallet shared, newest first. Throws WalletLockedError while locked. */
export async function listShares(): Promise<WalletShare[]> {
  const key = requireSession();
  const shares = await readShares(await openWalletDb(), key);
  return shares.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

// Read-modify-write of the one sealed list: one change at a time within this tab.
let shareWrites: Promise<unknown> = Promise.resolve();

function queueShareWrite<T>(write: () => Promise<T>): Promise<T> {
  const queued = shareWrites.then(write);
  shareWrites = queued.catch(() => undefined);
  return queued;
}

/** Adds a share, or replaces the one with the same id. */
export function saveShare(share: WalletShare): Promise<void> {
  return queueShareWrite(async () => {
    const key = requireSession();
    const db = await openWalletDb();
    const others = (await readShares(db, key)).filter((s) => s.id !== share.id);
    const sealed = await sealShares(key, [...others, share]);
    await db.put("settings", { id: "shares", ...sealed });
  });
}
