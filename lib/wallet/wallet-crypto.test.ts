import { describe, expect, it } from "vitest";
import { base64url } from "./base64url";
import type { StoredCredential } from "./schemas";
import {
  decryptCredential,
  encryptCredential,
  generateDataKey,
  generateRecoveryKey,
  isClearRecord,
  lockDataKey,
  newKdf,
  sealRecoveryKeys,
  unlockDataKey,
  unsealRecoveryKeys,
} from "./wallet-crypto";

const credential: StoredCredential = {
  id: "urn:uuid:8d1c6a52-9f0e-4c1b-8a52-1f2e3d4c5b6a",
  jwt: "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOngifQ.c2ln",
  type: "MedicalLicenseCredential",
  issuerDid: "did:web:x",
  issuerName: "Eastland Medical Licensing Authority",
  subjectName: "Dr Lena Okafor",
  addedAt: "2026-03-01T10:00:00.000Z",
};

describe("credential records", () => {
  it("seal everything but the id and date, and open only under the same key", async () => {
    const key = await generateDataKey(false);
    const record = await encryptCredential(key, credential);
    expect(Object.keys(record).sort()).toEqual(["addedAt", "ciphertext", "id", "iv"]);
    expect(JSON.stringify(record)).not.toContain("Okafor");
    expect(JSON.stringify(record)).not.toContain(credential.jwt);
    expect(isClearRecord(record)).toBe(false);
    expect(isClearRecord(credential)).toBe(true);

    expect(await decryptCredential(key, record)).toEqual({ ok: true, value: credential });
    const other = await generateDataKey(false);
    expect(await decryptCredential(other, record)).toMatchObject({ ok: false, code: "CORRUPTED" });
  });

  it("cannot be moved under another id or have a byte changed", async () => {
    const key = await generateDataKey(false);
    const record = await encryptCredential(key, credential);
    const moved = { ...record, id: "urn:uuid:someone-else" };
    expect(await decryptCredential(key, moved)).toMatchObject({ ok: false, code: "CORRUPTED" });
    const bytes = base64url.decode(record.ciphertext);
    bytes[3] = bytes[3]! ^ 1;
    const flipped = { ...record, ciphertext: base64url.encode(bytes) };
    expect(await decryptCredential(key, flipped)).toMatchObject({ ok: false });
  });

  it("use a fresh IV each time", async () => {
    const key = await generateDataKey(false);
    const [a, b] = await Promise.all([
      encryptCredential(key, credential),
      encryptCredential(key, credential),
    ]);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });
});

describe("the passphrase lock", () => {
  it("wraps the data key under PBKDF2-SHA-256 at 600,000 iterations with a random salt", async () => {
    const { lock, key } = await lockDataKey("correct horse battery staple");
    expect(lock.kdf).toMatchObject({ name: "PBKDF2", hash: "SHA-256", iterations: 600_000 });
    expect(base64url.decode(lock.kdf.salt)).toHaveLength(16);
    expect(newKdf().salt).not.toBe(lock.kdf.salt);
    // The session's copy cannot be read out; the stored copy is only the wrapped bytes.
    expect(key.extractable).toBe(false);
    expect(base64url.decode(lock.wrappedKey)).toHaveLength(32 + 16);

    const record = await encryptCredential(key, credential);
    const unlocked = await unlockDataKey(lock, "correct horse battery staple");
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    expect(unlocked.value.extractable).toBe(false);
    expect(await decryptCredential(unlocked.value, record)).toEqual({
      ok: true,
      value: credential,
    });
  });

  it("refuses a wrong passphrase with its own code", async () => {
    const { lock } = await lockDataKey("correct horse battery staple");
    expect(await unlockDataKey(lock, "correct horse battery stapler")).toMatchObject({
      ok: false,
      code: "WRONG_PASSPHRASE",
    });
  });

  it("treats the passphrase as text, not as bytes: NFC and NFD spellings match", async () => {
    const { lock } = await lockDataKey("médecin de garde ".normalize("NFC"));
    const unlocked = await unlockDataKey(lock, "médecin de garde ".normalize("NFD"));
    expect(unlocked.ok).toBe(true);
  });
});

describe("recovery keys", () => {
  it("are exportable P-256 keys named by did:jwk, kept sealed", async () => {
    const recovery = await generateRecoveryKey();
    expect(recovery.did).toMatch(/^did:jwk:eyJ/);
    expect(recovery.privateJwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The private part signs: it can be imported again in another browser.
    const imported = await crypto.subtle.importKey(
      "jwk",
      recovery.privateJwk,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["sign"],
    );
    expect(imported.type).toBe("private");

    const key = await generateDataKey(false);
    const sealed = await sealRecoveryKeys(key, [recovery]);
    expect(JSON.stringify(sealed)).not.toContain(recovery.privateJwk.d);
    expect(await unsealRecoveryKeys(key, sealed)).toEqual([recovery]);
    expect(await unsealRecoveryKeys(await generateDataKey(false), sealed)).toEqual([]);
  });
});
