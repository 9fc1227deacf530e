import "client-only";
import { base64url } from "./base64url";
import { holderDid } from "./holder-key";
import {
  MIN_PBKDF2_ITERATIONS,
  holderPublicJwkSchema,
  recoveryKeySchema,
  storedCredentialSchema,
  type EncryptedCredentialRecord,
  type Kdf,
  type PassphraseLock,
  type RecoveryKey,
  type Sealed,
  type StoredCredential,
  type WalletShare,
  walletShareSchema,
} from "./schemas";

/**
 * The wallet's cryptography at rest, on WebCrypto alone and with no storage of its own, so it
 * runs (and is tested) the same in Node and in the browser. lib/wallet/wallet-store.ts puts the
 * results in IndexedDB.
 *
 * - Every credential is sealed with AES-256-GCM under one wallet *data key*.
 * - Without a passphrase the data key is a non-extractable CryptoKey kept in IndexedDB: a copy of
 *   the database is useless outside this browser profile, though anyone using the profile can
 *   open the wallet.
 * - With a passphrase the data key is stored only wrapped (AES-GCM) under a key derived from the
 *   passphrase by PBKDF2-SHA-256 (600,000 iterations, 16-byte random salt), and lives unwrapped
 *   only in memory while the wallet is unlocked.
 */

const AES = { name: "AES-GCM", length: 256 } as const;
const enc = new TextEncoder();
const dec = new TextDecoder();

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export type WalletCryptoError = {
  ok: false;
  code: "WRONG_PASSPHRASE" | "CORRUPTED";
  message: string;
};
export type CryptoResult<T> = { ok: true; value: T } | WalletCryptoError;

export const wrongPassphrase: WalletCryptoError = {
  ok: false,
  code: "WRONG_PASSPHRASE",
  message: "That passphrase is not the one that protects this wallet. Nothing was changed.",
};

/** A fresh data key. Extractable only when it is about to be wrapped under a passphrase. */
export function generateDataKey(extractable: boolean): Promise<CryptoKey> {
  return crypto.subtle.generateKey(AES, extractable, ["encrypt", "decrypt"]);
}

export function newKdf(iterations = MIN_PBKDF2_ITERATIONS): Kdf {
  return {
    name: "PBKDF2",
    hash: "SHA-256",
    iterations,
    salt: base64url.encode(randomBytes(16)),
  };
}

/** PBKDF2-SHA-256 → AES-256-GCM. NFC first, so the same passphrase typed on another OS matches. */
export async function deriveKey(
  passphrase: string,
  kdf: Kdf,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    "raw",
    enc.encode(passphrase.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    {
      name: "PBKDF2",
      hash: kdf.hash,
      iterations: kdf.iterations,
      salt: base64url.decode(kdf.salt),
    },
    material,
    AES,
    false,
    usages,
  );
}

/**
 * Protects a new data key with a passphrase. Returns the lock to store and the same key
 * unwrapped again as non-extractable, which is the copy the session keeps.
 */
export async function lockDataKey(
  passphrase: string,
  kdf: Kdf = newKdf(),
): Promise<{ lock: PassphraseLock; key: CryptoKey }> {
  const dataKey = await generateDataKey(true);
  const kek = await deriveKey(passphrase, kdf, ["wrapKey", "unwrapKey"]);
  const iv = randomBytes(12);
  const wrapped = await crypto.subtle.wrapKey("raw", dataKey, kek, { name: "AES-GCM", iv });
  const lock: PassphraseLock = {
    kdf,
    iv: base64url.encode(iv),
    wrappedKey: base64url.encode(new Uint8Array(wrapped)),
  };
  const key = await crypto.subtle.unwrapKey(
    "raw",
    wrapped,
    kek,
    { name: "AES-GCM", iv },
    AES,
    false,
    ["encrypt", "decrypt"],
  );
  return { lock, key };
}

/** The data key from its lock; a wrong passphrase fails GCM's tag check and says so. */
export async function unlockDataKey(
  lock: PassphraseLock,
  passphrase: string,
): Promise<CryptoResult<CryptoKey>> {
  const kek = await deriveKey(passphrase, lock.kdf, ["unwrapKey"]);
  try {
    const key = await crypto.subtle.unwrapKey(
      "raw",
      base64url.decode(lock.wrappedKey),
      kek,
      { name: "AES-GCM", iv: base64url.decode(lock.iv) },
      AES,
      false,
      ["encrypt", "decrypt"],
    );
    return { ok: true, value: key };
  } catch {
    return wrongPassphrase;
  }
}

export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: enc.encode(aad) },
    key,
    new Uint8Array(plaintext),
  );
  return { iv: base64url.encode(iv), ciphertext: base64url.encode(new Uint8Array(ciphertext)) };
}

/** Null when the key is wrong or the bytes, IV or associated data were changed. */
export async function unseal(
  key: CryptoKey,
  sealed: Sealed,
  aad: string,
): Promise<Uint8Array | null> {
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: base64url.decode(sealed.iv),
        additionalData: enc.encode(aad),
      },
      key,
      base64url.decode(sealed.ciphertext),
    );
    return new Uint8Array(plaintext);
  } catch {
    return null;
  }
}

const credentialAad = (id: string) => `vitae-wallet/credential/${id}`;

export async function encryptCredential(
  key: CryptoKey,
  credential: StoredCredential,
): Promise<EncryptedCredentialRecord> {
  const sealed = await seal(
    key,
    enc.encode(JSON.stringify(credential)),
    credentialAad(credential.id),
  );
  return { id: credential.id, addedAt: credential.addedAt, ...sealed };
}

export async function decryptCredential(
  key: CryptoKey,
  record: EncryptedCredentialRecord,
): Promise<CryptoResult<StoredCredential>> {
  const plaintext = await unseal(key, record, credentialAad(record.id));
  const parsed = plaintext && storedCredentialSchema.safeParse(parseJson(dec.decode(plaintext)));
  if (!parsed?.success || parsed.data.id !== record.id) {
    return {
      ok: false,
      code: "CORRUPTED",
      message: `A stored credential (${record.id}) could not be decrypted: it was damaged or written by another wallet.`,
    };
  }
  return { ok: true, value: parsed.data };
}

/** A record from before encryption at rest (schema v1): it still has its JWT in the clear. */
export function isClearRecord(
  record: EncryptedCredentialRecord | StoredCredential,
): record is StoredCredential {
  return "jwt" in record && !("ciphertext" in record);
}

const RECOVERY_AAD = "vitae-wallet/recovery-keys";

export async function sealRecoveryKeys(key: CryptoKey, keys: RecoveryKey[]): Promise<Sealed> {
  return seal(key, enc.encode(JSON.stringify(keys)), RECOVERY_AAD);
}

export async function unsealRecoveryKeys(key: CryptoKey, sealed: Sealed): Promise<RecoveryKey[]> {
  const plaintext = await unseal(key, sealed, RECOVERY_AAD);
  const parsed = plaintext && recoveryKeySchema.array().safeParse(parseJson(dec.decode(plaintext)));
  return parsed?.success ? parsed.data : [];
}

const SHARES_AAD = "vitae-wallet/shares";

export async function sealShares(key: CryptoKey, shares: WalletShare[]): Promise<Sealed> {
  return seal(key, enc.encode(JSON.stringify(shares)), SHARES_AAD);
}

/** Shares that do not open are dropped rather than shown half-read. */
export async function unsealShares(key: CryptoKey, sealed: Sealed): Promise<WalletShare[]> {
  const plaintext = await unseal(key, sealed, SHARES_AAD);
  const parsed = plaintext && walletShareSchema.array().safeParse(parseJson(dec.decode(plaintext)));
  return parsed?.success ? parsed.data : [];
}

/**
 * The recovery key: exportable on purpose (unlike the holder key), so that a backup can carry
 * it to another browser. Its did:jwk is what an issuer would record to accept a re-binding.
 */
export async function generateRecoveryKey(now: Date = new Date()): Promise<RecoveryKey> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const publicJwk = holderPublicJwkSchema.parse({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return recoveryKeySchema.parse({
    did: holderDid(publicJwk),
    privateJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d },
    createdAt: now.toISOString(),
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const textCodec = {
  encode: (s: string) => enc.encode(s),
  decode: (b: Uint8Array) => dec.decode(b),
};
