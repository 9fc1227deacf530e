import "client-only";
import {
  BACKUP_FORMAT,
  backupContentsSchema,
  backupEnvelopeSchema,
  passphraseSchema,
  type BackupContents,
  type BackupEnvelope,
  type Kdf,
} from "./schemas";
import { deriveKey, newKdf, parseJson, seal, textCodec, unseal } from "./wallet-crypto";

/**
 * The wallet's backup file: a versioned JSON envelope whose header says how to derive the key
 * (PBKDF2-SHA-256, salt, iterations) and whose `ciphertext` (AES-256-GCM) holds the credentials,
 * the recovery keys and the dossier shares the wallet handed out (each with its link key and
 * owner secret, so they are never written in the clear). The header is bound to the ciphertext as associated data, so lowering
 * the iteration count or swapping the salt in the file makes it fail like a wrong passphrase.
 * Reading returns a result with a reason; it never throws and never half-restores.
 *
 * Shares were added inside the ciphertext without a new version: a version-1 file without them
 * reads as "no shares", and an older reader drops the field it does not know. The version moves
 * only when an older reader would misread a file.
 */

export type BackupErrorCode =
  | "NOT_A_BACKUP"
  | "UNSUPPORTED_VERSION"
  | "CORRUPTED"
  | "BAD_SHARES"
  | "WRONG_PASSPHRASE"
  | "WEAK_PASSPHRASE";

export type BackupError = { ok: false; code: BackupErrorCode; message: string };
export type BackupResult<T> = { ok: true; value: T } | BackupError;

const fail = (code: BackupErrorCode, message: string): BackupError => ({
  ok: false,
  code,
  message,
});

const aadOf = (e: Pick<BackupEnvelope, "format" | "version" | "createdAt" | "kdf">) =>
  [e.format, e.version, e.createdAt, e.kdf.name, e.kdf.hash, e.kdf.iterations, e.kdf.salt].join(
    "|",
  );

// At most this much is read from a chosen file: a wallet of thousands of credentials is a few MB.
export const MAX_BACKUP_BYTES = 20_000_000;

export async function writeBackup(
  contents: BackupContents,
  passphrase: string,
  options: { now?: Date; kdf?: Kdf } = {},
): Promise<BackupResult<{ text: string; fileName: string; createdAt: string }>> {
  const checked = passphraseSchema.safeParse(passphrase);
  if (!checked.success) {
    return fail(
      "WEAK_PASSPHRASE",
      checked.error.issues[0]?.message ?? "Choose a longer passphrase.",
    );
  }
  const createdAt = (options.now ?? new Date()).toISOString();
  const kdf = options.kdf ?? newKdf();
  const header = { format: BACKUP_FORMAT, version: 1 as const, createdAt, kdf };
  const key = await deriveKey(passphrase, kdf, ["encrypt"]);
  const sealed = await seal(
    key,
    textCodec.encode(JSON.stringify(backupContentsSchema.parse(contents))),
    aadOf(header),
  );
  const envelope: BackupEnvelope = {
    ...header,
    cipher: { name: "AES-GCM", iv: sealed.iv },
    ciphertext: sealed.ciphertext,
  };
  const day = createdAt.slice(0, 10);
  return {
    ok: true,
    value: {
      text: `${JSON.stringify(envelope, null, 2)}\n`,
      fileName: `vitae-wallet-backup-${day}.json`,
      createdAt,
    },
  };
}

/** Checks the file's shape before any key derivation, so a foreign file is named as such. */
export function parseBackupEnvelope(text: string): BackupResult<BackupEnvelope> {
  if (text.length > MAX_BACKUP_BYTES) {
    return fail("NOT_A_BACKUP", "This file is far larger than any Vitae wallet backup.");
  }
  const json = parseJson(text);
  if (json === undefined && text.includes(`"${BACKUP_FORMAT}"`)) {
    return fail("CORRUPTED", "This backup file is cut short or damaged. Try another copy.");
  }
  if (
    !json ||
    typeof json !== "object" ||
    (json as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    return fail(
      "NOT_A_BACKUP",
      "This file is not a Vitae wallet backup. Choose the .json file the wallet saved when you made the backup.",
    );
  }
  if ((json as { version?: unknown }).version !== 1) {
    return fail(
      "UNSUPPORTED_VERSION",
      "This backup was written by a newer version of Vitae. Update the page, then try again.",
    );
  }
  const envelope = backupEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return fail(
      "CORRUPTED",
      "This backup file is damaged: some of its fields are missing or changed. Try another copy.",
    );
  }
  return { ok: true, value: envelope.data };
}

export async function readBackup(
  text: string,
  passphrase: string,
): Promise<BackupResult<BackupContents & { createdAt: string }>> {
  const parsed = parseBackupEnvelope(text);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  const key = await deriveKey(passphrase, envelope.kdf, ["decrypt"]);
  const plaintext = await unseal(
    key,
    { iv: envelope.cipher.iv, ciphertext: envelope.ciphertext },
    aadOf(envelope),
  );
  if (!plaintext) {
    // GCM cannot tell a wrong passphrase from changed bytes; the first is far more likely.
    return fail(
      "WRONG_PASSPHRASE",
      "The passphrase does not open this backup (or the file was changed after it was saved). Nothing was restored.",
    );
  }
  const contents = backupContentsSchema.safeParse(parseJson(textCodec.decode(plaintext)));
  if (!contents.success) {
    if (contents.error.issues.every((issue) => issue.path[0] === "shares")) {
      return fail(
        "BAD_SHARES",
        "This backup opened, but its list of shared dossier links is damaged. Nothing was restored.",
      );
    }
    return fail(
      "CORRUPTED",
      "This backup opened, but what it holds is not a wallet. Nothing was restored.",
    );
  }
  return { ok: true, value: { ...contents.data, createdAt: envelope.createdAt } };
}
