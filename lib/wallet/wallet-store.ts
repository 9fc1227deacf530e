import "client-only";
import { openDB, type IDBPDatabase } from "idb";
import { describeCredential } from "./describe-credential";
import { generateHolderKey } from "./holder-key";
import type { HolderIdentity, StoredCredential } from "./schemas";

/**
 * The wallet lives in this browser's IndexedDB and nowhere else: database `vitae-wallet`, one
 * `identity` record holding the holder's CryptoKeyPair (structured-cloned, so the private key
 * stays non-extractable at rest too) and one `credentials` record per credential. Clearing site
 * data deletes both; backup is a later feature.
 */

type WalletDb = {
  identity: { key: string; value: HolderIdentity };
  credentials: { key: string; value: StoredCredential; indexes: { "by-addedAt": string } };
};

const DB_NAME = "vitae-wallet";
const DB_VERSION = 1;
const IDENTITY_ID = "holder";

let dbPromise: Promise<IDBPDatabase<WalletDb>> | undefined;

function openWalletDb(): Promise<IDBPDatabase<WalletDb>> {
  dbPromise ??= openDB<WalletDb>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore("identity", { keyPath: "id" });
      const credentials = db.createObjectStore("credentials", { keyPath: "id" });
      credentials.createIndex("by-addedAt", "addedAt");
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

/** Null (not undefined) when there is none, so it can be TanStack Query data. */
export async function getIdentity(): Promise<HolderIdentity | null> {
  const db = await openWalletDb();
  return (await db.get("identity", IDENTITY_ID)) ?? null;
}

/**
 * Returns the existing identity, or makes one. Never replaces a key: losing it would orphan every
 * credential bound to its DID. Two tabs racing both generate a key, but `add` lets only the first
 * one in; the other reads the winner back.
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

/** Newest first. */
export async function listCredentials(): Promise<StoredCredential[]> {
  const db = await openWalletDb();
  return (await db.getAllFromIndex("credentials", "by-addedAt")).reverse();
}

export type NewCredential = {
  jwt: string;
  issuerName: string;
  /** Used only when the JWT carries neither `jti` nor `vc.id`. */
  fallbackId?: string;
  claimedFrom?: string;
};

/**
 * Files a credential under its own id (`jti`, else `vc.id`), so adding the same credential twice
 * keeps one card. Returns the stored record and whether it was new.
 */
export async function addCredential(
  input: NewCredential,
): Promise<{ credential: StoredCredential; added: boolean }> {
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
  };
  const db = await openWalletDb();
  // One transaction for the look-up and the write: nothing awaited in between but IndexedDB.
  const tx = db.transaction("credentials", "readwrite");
  const existing = await tx.store.get(id);
  if (!existing) await tx.store.add(record);
  await tx.done;
  return existing ? { credential: existing, added: false } : { credential: record, added: true };
}

export async function removeCredential(id: string): Promise<void> {
  const db = await openWalletDb();
  await db.delete("credentials", id);
}
