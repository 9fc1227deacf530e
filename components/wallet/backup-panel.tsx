"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { MAX_BACKUP_BYTES } from "@/lib/wallet/backup";
import { passphraseSchema } from "@/lib/wallet/schemas";
import { exportBackup, restoreBackup, type RestoreSummary } from "@/lib/wallet/wallet-store";
import { useWalletRefresh } from "./use-wallet-refresh";

function saveFile(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function formatBackupDate(iso: string | null): string {
  return iso
    ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : "never";
}

/** "Last backup: never / <date>", kept in sight on the wallet page. */
export function LastBackup({ at }: { at: string | null }) {
  return (
    <p className="text-sm text-slate-700" data-testid={testIds.wallet.lastBackup}>
      Last backup: <strong className={at ? "" : "text-red-700"}>{formatBackupDate(at)}</strong>
    </p>
  );
}

function ExportForm() {
  const refresh = useWalletRefresh();
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const save = useMutation({
    mutationFn: () => exportBackup(passphrase),
    onSuccess: async (result) => {
      if (!result.ok) return;
      saveFile(result.value.text, result.value.fileName);
      setPassphrase("");
      setRepeat("");
      await refresh();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = passphraseSchema.safeParse(passphrase);
    if (!checked.success) return setFieldError(checked.error.issues[0]?.message);
    if (passphrase !== repeat) return setFieldError("The two passphrases are not the same.");
    setFieldError(undefined);
    save.mutate();
  }

  const failed = save.data && !save.data.ok ? save.data.message : save.error?.message;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3"
      data-testid={testIds.wallet.backupForm}
      aria-labelledby="backup-export-heading"
    >
      <h3 id="backup-export-heading" className="font-semibold text-slate-900">
        Save a backup file
      </h3>
      <p className="text-sm text-slate-700">
        The file holds your credentials and your recovery key, encrypted with the passphrase you
        choose here. Keep it somewhere other than this device (a USB stick, your own cloud storage)
        and the passphrase somewhere else again. Vitae never sees either.
      </p>
      <div className="grid gap-3 sm:max-w-sm">
        <TextField
          label="Backup passphrase"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Without it the file cannot be opened, by you or anyone."
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={fieldError}
          required
        />
        <TextField
          label="Repeat the backup passphrase"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
      </div>
      {failed ? (
        <Alert tone="error" title="No backup was saved">
          {failed}
        </Alert>
      ) : null}
      {save.data?.ok ? (
        <Alert tone="success" title="Backup saved" data-testid={testIds.wallet.backupResult}>
          {save.data.value.fileName} is in your downloads. Move it off this device.
        </Alert>
      ) : null}
      <div>
        <Button type="submit" busy={save.isPending}>
          {save.isPending ? "Encrypting…" : "Download encrypted backup"}
        </Button>
      </div>
    </form>
  );
}

/**
 * What a restore brought back, and plainly what still works. Shown by the page rather than the
 * form: the form is replaced once the restore has made this browser's wallet.
 */
export function RestoreSummaryAlert({ summary }: { summary: RestoreSummary }) {
  return (
    <Alert tone="success" title="Backup restored" data-testid={testIds.wallet.restoreResult}>
      <p>
        {summary.added === 1 ? "1 credential was" : `${summary.added} credentials were`} added
        {summary.alreadyPresent ? ` (${summary.alreadyPresent} already in this wallet)` : ""}, from
        the backup of {formatBackupDate(summary.backupCreatedAt)}.
      </p>
      {summary.previousHolderDid ? (
        <p className="mt-2">
          They are bound to the key of the wallet that made the backup, which stayed in that
          browser. Here you can still show them, as cards and QR codes, and anyone can verify them.
          To present them as their holder (sign for them), ask each issuer to re-issue them to this
          wallet.
        </p>
      ) : null}
    </Alert>
  );
}

export function RestoreForm({ onRestored }: { onRestored: (summary: RestoreSummary) => void }) {
  const refresh = useWalletRefresh();
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const restore = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error("Choose the backup file first.");
      if (file.size > MAX_BACKUP_BYTES) {
        return {
          ok: false as const,
          code: "NOT_A_BACKUP" as const,
          message: "This file is far larger than any Vitae wallet backup.",
        };
      }
      return restoreBackup(await file.text(), passphrase);
    },
    onSuccess: async (result) => {
      if (!result.ok) return;
      setPassphrase("");
      onRestored(result.value);
      await refresh();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setFieldError("Choose the backup file first.");
    if (!passphrase) return setFieldError("Enter the passphrase you chose for this backup.");
    setFieldError(undefined);
    restore.mutate();
  }

  const failed = restore.data && !restore.data.ok ? restore.data.message : restore.error?.message;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3"
      data-testid={testIds.wallet.restoreForm}
      aria-labelledby="backup-restore-heading"
    >
      <h3 id="backup-restore-heading" className="font-semibold text-slate-900">
        Restore from a backup file
      </h3>
      <p className="text-sm text-slate-700">
        Brings the credentials in a backup into this wallet. Credentials already here are kept.
      </p>
      <div className="grid gap-3 sm:max-w-sm">
        <div>
          <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
            Backup file
          </label>
          <input
            id={fileId}
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              restore.reset();
            }}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:min-h-10 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800"
          />
        </div>
        <TextField
          label="Passphrase of the backup"
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={fieldError}
          required
        />
      </div>
      {failed ? (
        <Alert tone="error" title="Nothing was restored" data-testid={testIds.wallet.restoreError}>
          {failed}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" variant="secondary" busy={restore.isPending}>
          {restore.isPending ? "Decrypting…" : "Restore backup"}
        </Button>
      </div>
    </form>
  );
}

/** Backup and restore, with what is lost without a backup said plainly. */
export function BackupPanel({
  lastBackupAt,
  onRestored,
}: {
  lastBackupAt: string | null;
  onRestored: (summary: RestoreSummary) => void;
}) {
  return (
    <Card className="grid gap-5">
      <div className="grid gap-2">
        <h2 className="text-lg font-semibold text-slate-900">Backup</h2>
        <LastBackup at={lastBackupAt} />
        {lastBackupAt ? null : (
          <Alert tone="warning" title="You have no backup">
            If you clear this browser&apos;s data, reset or lose this device, every credential in
            this wallet is gone, and no one, Vitae included, can bring it back. You would have to
            ask each issuer for your credentials again.
          </Alert>
        )}
      </div>
      <ExportForm />
      <hr className="border-slate-200" />
      <RestoreForm onRestored={onRestored} />
    </Card>
  );
}
