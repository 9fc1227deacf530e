import { describe, expect, it } from "vitest";
import { readBackup, writeBackup } from "./backup";
import type { BackupContents } from "./schemas";
import { generateRecoveryKey } from "./wallet-crypto";

const PASSPHRASE = "night shift at St Aurelia";

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
    for (const secret of ["Okafor", "eyJhbGci", value.recoveryKeys[0]!.privateJwk.d]) {
      expect(file.text).not.toContain(secret);
    }
    expect(await readBackup(file.text, PASSPHRASE)).toEqual({
      ok: true,
      value: { ...value, createdAt: "2026-03-02T08:00:00.000Z" },
    });
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
