import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newShareSecrets } from "@/lib/shares/dossier-crypto";
import { readBackup, writeBackup } from "./backup";
import { BACKUP_FORMAT, type BackupContents, type WalletShare } from "./schemas";
import { deriveKey, generateRecoveryKey, newKdf, seal, textCodec } from "./wallet-crypto";

const PASSPHRASE = "night shift at St Aurelia";

function share(overrides: Partial<WalletShare> = {}): WalletShare {
  return {
    ...newShareSecrets(),
    origin: "https://vitae.st-aurelia.example",
    label: "Northbridge credentialing office",
    credentials: [{ id: "urn:uuid:1", title: "Medical licence" }],
    createdAt: "2026-03-01T11:00:00.000Z",
    expiresAt: "2026-03-08T11:00:00.000Z",
    maxViews: 5,
    revokedAt: null,
    ...overrides,
  };
}

/**
 * A backup sealed around any plaintext, as a foreign or tampered writer would make it: the same
 * envelope and associated data as writeBackup, without its schema check.
 */
async function sealedBackup(contents: unknown): Promise<string> {
  const kdf = newKdf();
  const header = { format: BACKUP_FORMAT, version: 1, createdAt: "2026-03-02T08:00:00.000Z", kdf };
  const aad = [
    header.format,
    header.version,
    header.createdAt,
    kdf.name,
    kdf.hash,
    kdf.iterations,
    kdf.salt,
  ].join("|");
  const key = await deriveKey(PASSPHRASE, kdf, ["encrypt"]);
  const sealed = await seal(key, textCodec.encode(JSON.stringify(contents)), aad);
  return JSON.stringify({
    ...header,
    cipher: { name: "AES-GCM", iv: sealed.iv },
    ciphertext: sealed.ciphertext,
  });
}

async function contents(): Promise<BackupContents> {
  return {
    holderDid: "did:jwk:eyJjcnYiOiJQLTI1NiJ9",
    credentials: [
      {
        id: "urn:uuid:1",
        jwt: "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOngifQ.c2ln",
        type: "MedicalLicenseCredential",
        issuerDid: "did:web:x",
        issuerName: "Eastland Medical Licensing Authority",
        subjectName: "Dr Lena Okafor",
        addedAt: "2026-03-01T10:00:00.000Z",
      },
    ],
    recoveryKeys: [await generateRecoveryKey(new Date("2026-03-01T09:00:00Z"))],
    shares: [share(), share({ label: "", revokedAt: "2026-03-01T12:00:00.000Z" })],
  };
}

async function written(value: BackupContents) {
  const result = await writeBackup(value, PASSPHRASE, { now: new Date("2026-03-02T08:00:00Z") });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("wallet backups", () => {
  it("write a versioned envelope that hides everything and reads back with the passphrase", async () => {
    const value = await contents();
    const file = await written(value);
    expect(file.fileName).toBe("vitae-wallet-backup-2026-03-02.json");
    const envelope = JSON.parse(file.text) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(
      ["ciphertext", "cipher", "createdAt", "format", "kdf", "version"].sort(),
    );
    expect(envelope).toMatchObject({
      format: "vitae-wallet-backup",
      version: 1,
      kdf: { name: "PBKDF2", hash: "SHA-256", iterations: 600_000 },
      cipher: { name: "AES-GCM" },
    });
    const [active] = value.shares;
    for (const secret of [
      "Okafor",
      "eyJhbGci",
      value.recoveryKeys[0]!.privateJwk.d,
      active!.id,
      active!.key,
      active!.ownerSecret,
      active!.label,
      "st-aurelia",
    ]) {
      expect(file.text).not.toContain(secret);
    }
    expect(await readBackup(file.text, PASSPHRASE)).toEqual({
      ok: true,
      value: { ...value, createdAt: "2026-03-02T08:00:00.000Z" },
    });
  });

  it("read a version-1 file from before shares were carried as a wallet without shares", async () => {
    // Written by the previous writeBackup (commit 396881c), passphrase PASSPHRASE.
    const text = readFileSync(
      new URL("./__fixtures__/backup-v1-without-shares.json", import.meta.url),
      "utf8",
    );
    expect(text).not.toContain("shares");
    const read = await readBackup(text, PASSPHRASE);
    expect(read).toMatchObject({
      ok: true,
      value: {
        holderDid: "did:jwk:eyJjcnYiOiJQLTI1NiJ9",
        credentials: [{ id: "urn:uuid:1", subjectName: "Dr Lena Okafor" }],
        recoveryKeys: [{ did: expect.stringMatching(/^did:jwk:/) }],
        shares: [],
        createdAt: "2026-03-02T08:00:00.000Z",
      },
    });
  });

  it("refuse, with their own reason, shares that are not what the wallet writes", async () => {
    const base = { ...(await contents()), shares: [] };
    const foreign: unknown[] = [
      { ...share(), ownerSecret: "short" },
      { ...share(), origin: "javascript:alert(1)" },
      { ...share(), origin: "https://vitae.example/steal?secret=" },
      { ...share(), credentials: [] },
      { ...share(), maxViews: "5" },
      "a share",
    ];
    for (const bad of foreign) {
      const read = await readBackup(await sealedBackup({ ...base, shares: [bad] }), PASSPHRASE);
      expect(read).toMatchObject({
        ok: false,
        code: "BAD_SHARES",
        message: expect.stringContaining("Nothing was restored"),
      });
    }
    expect(
      await readBackup(await sealedBackup({ ...base, shares: { 0: share() } }), PASSPHRASE),
    ).toMatchObject({ code: "BAD_SHARES" });
    // Damage elsewhere is still the whole file's.
    expect(
      await readBackup(await sealedBackup({ ...base, credentials: "none" }), PASSPHRASE),
    ).toMatchObject({ code: "CORRUPTED" });
    // The same sealing with good shares reads back: the refusals above are the shares' alone.
    const good = await readBackup(await sealedBackup({ ...base, shares: [share()] }), PASSPHRASE);
    expect(good).toMatchObject({ ok: true, value: { shares: [{ maxViews: 5 }] } });
  });

  it("refuses a wrong passphrase", async () => {
    const file = await written(await contents());
    expect(await readBackup(file.text, "night shift at St Aurelia!")).toMatchObject({
      ok: false,
      code: "WRONG_PASSPHRASE",
      message: expect.stringContaining("Nothing was restored"),
    });
  });

  it("refuses a file whose header or ciphertext was changed", async () => {
    const file = await written(await contents());
    const envelope = JSON.parse(file.text) as { kdf: { iterations: number }; ciphertext: string };
    // A weaker iteration count written into the file (more work for an attacker is not asked).
    const faster = JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, iterations: 700_000 } });
    expect(await readBackup(faster, PASSPHRASE)).toMatchObject({ code: "WRONG_PASSPHRASE" });
    const weak = JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, iterations: 1000 } });
    expect(await readBackup(weak, PASSPHRASE)).toMatchObject({ code: "CORRUPTED" });
    const last = envelope.ciphertext.at(-2) === "A" ? "B" : "A";
    const flipped = JSON.stringify({
      ...envelope,
      ciphertext: `${envelope.ciphertext.slice(0, -2)}${last}${envelope.ciphertext.at(-1)}`,
    });
    expect(await readBackup(flipped, PASSPHRASE)).toMatchObject({ ok: false });
    const cut = file.text.slice(0, file.text.length / 2);
    expect(await readBackup(cut, PASSPHRASE)).toMatchObject({ code: "CORRUPTED" });
  });

  it("names foreign files and future versions", async () => {
    expect(await readBackup("not json at all", PASSPHRASE)).toMatchObject({ code: "NOT_A_BACKUP" });
    expect(await readBackup('{"hello":"world"}', PASSPHRASE)).toMatchObject({
      code: "NOT_A_BACKUP",
    });
    expect(
      await readBackup('{"format":"vitae-wallet-backup","version":2}', PASSPHRASE),
    ).toMatchObject({ code: "UNSUPPORTED_VERSION" });
  });

  it("will not write under a short passphrase", async () => {
    expect(await writeBackup(await contents(), "short")).toMatchObject({
      ok: false,
      code: "WEAK_PASSPHRASE",
    });
  });
});
