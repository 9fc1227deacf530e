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
import { useWalletText } from "./wallet-text";

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

/** "Last backup: never / <date>", kept in sight on the wallet page. */
export function LastBackup({ at }: { at: string | null }) {
  const { t, formatDateTime } = useWalletText();
  return (
    <p className="text-sm text-slate-700" data-testid={testIds.wallet.lastBackup}>
      {t.backup.last}{" "}
      <strong className={at ? "" : "text-red-700"}>
        {at ? formatDateTime(at) : t.backup.never}
      </strong>
    </p>
  );
}

function ExportForm() {
  const refresh = useWalletRefresh();
  const { t } = useWalletText();
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
    if (!checked.success) return setFieldError(t.passphrase.tooShort);
    if (passphrase !== repeat) return setFieldError(t.passphrase.notSame);
    setFieldError(undefined);
    save.mutate();
  }

  const failed = save.data && !save.data.ok ? t.backup.errors[save.data.code] : save.error?.message;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3"
      data-testid={testIds.wallet.backupForm}
      aria-labelledby="backup-export-heading"
    >
      <h3 id="backup-export-heading" className="font-semibold text-slate-900">
        {t.backup.exportTitle}
      </h3>
      <p className="text-sm text-slate-700">{t.backup.exportBody}</p>
      <div className="grid gap-3 sm:max-w-sm">
        <TextField
          label={t.backup.passphrase}
          type="password"
          autoComplete="new-password"
          hint={t.backup.passphraseHint}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={fieldError}
          required
        />
        <TextField
          label={t.backup.repeat}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
      </div>
      {failed ? (
        <Alert tone="error" title={t.backup.notSaved}>
          {failed}
        </Alert>
      ) : null}
      {save.data?.ok ? (
        <Alert tone="success" title={t.backup.savedTitle} data-testid={testIds.wallet.backupResult}>
          {t.backup.saved(save.data.value.fileName)}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" busy={save.isPending}>
          {save.isPending ? t.backup.encrypting : t.backup.download}
        </Button>
      </div>
    </form>
  );
}

/**
 * What a restore brought back, and plainly what still works. Shown by the page rather than the
 * form: the form is replaced once the restore has made this browser's wallet. `stillBound` is
 * how many credentials are bound to another key now (undefined while they load): the alert stays
 * up after a re-bind, and must then stop asking for one.
 */
export function RestoreSummaryAlert({
  summary,
  stillBound,
}: {
  summary: RestoreSummary;
  stillBound: number | undefined;
}) {
  const { t, formatDateTime } = useWalletText();
  return (
    <Alert tone="success" title={t.backup.restoredTitle} data-testid={testIds.wallet.restoreResult}>
      <p>
        {t.backup.restored(
          summary.added,
          summary.alreadyPresent,
          formatDateTime(summary.backupCreatedAt),
        )}
      </p>
      {summary.previousHolderDid ? (
        <p className="mt-2">{stillBound === 0 ? t.backup.allRebound : t.backup.otherKey}</p>
      ) : null}
      {summary.sharesAdded ? (
        <p className="mt-2">{t.backup.sharesRestored(summary.sharesAdded)}</p>
      ) : null}
    </Alert>
  );
}

export function RestoreForm({ onRestored }: { onRestored: (summary: RestoreSummary) => void }) {
  const refresh = useWalletRefresh();
  const { t } = useWalletText();
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const restore = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error(t.backup.chooseFile);
      if (file.size > MAX_BACKUP_BYTES) {
        return { ok: false as const, code: "NOT_A_BACKUP" as const };
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
    if (!file) return setFieldError(t.backup.chooseFile);
    if (!passphrase) return setFieldError(t.backup.enterPassphrase);
    setFieldError(undefined);
    restore.mutate();
  }

  const failed =
    restore.data && !restore.data.ok ? t.backup.errors[restore.data.code] : restore.error?.message;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3"
      data-testid={testIds.wallet.restoreForm}
      aria-labelledby="backup-restore-heading"
    >
      <h3 id="backup-restore-heading" className="font-semibold text-slate-900">
        {t.backup.restoreTitle}
      </h3>
      <p className="text-sm text-slate-700">{t.backup.restoreBody}</p>
      <div className="grid gap-3 sm:max-w-sm">
        <div>
          <label htmlFor={fileId} className="block text-sm font-medium text-slate-800">
            {t.backup.file}
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
          label={t.backup.restorePassphrase}
          type="password"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={fieldError}
          required
        />
      </div>
      {failed ? (
        <Alert tone="error" title={t.backup.notRestored} data-testid={testIds.wallet.restoreError}>
          {failed}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" variant="secondary" busy={restore.isPending}>
          {restore.isPending ? t.backup.decrypting : t.backup.restore}
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
  const { t } = useWalletText();
  return (
    <Card className="grid gap-5">
      <div className="grid gap-2">
        <h2 className="text-lg font-semibold text-slate-900">{t.backup.title}</h2>
        <LastBackup at={lastBackupAt} />
        {lastBackupAt ? null : (
          <Alert tone="warning" title={t.backup.noneTitle}>
            {t.backup.none}
          </Alert>
        )}
      </div>
      <ExportForm />
      <hr className="border-slate-200" />
      <RestoreForm onRestored={onRestored} />
    </Card>
  );
}
