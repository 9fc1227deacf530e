"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { passphraseSchema } from "@/lib/wallet/schemas";
import { lockWallet, removePassphrase, setPassphrase } from "@/lib/wallet/wallet-store";
import { useWalletRefresh } from "./use-wallet-refresh";
import { useWalletText } from "./wallet-text";

type Mode = "idle" | "set" | "remove";

/**
 * The optional wallet passphrase: set, change or remove it, and lock the wallet. Without one the
 * credentials are still encrypted, under a key this browser profile holds and cannot export.
 */
export function PassphraseSettings({ protection }: { protection: "device" | "passphrase" }) {
  const refresh = useWalletRefresh();
  const { t } = useWalletText();
  const [mode, setMode] = useState<Mode>("idle");
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const [done, setDone] = useState<string>();
  const protectedByPassphrase = protection === "passphrase";

  const save = useMutation({
    mutationFn: () =>
      mode === "remove"
        ? removePassphrase(current)
        : setPassphrase(next, protectedByPassphrase ? current : undefined),
    onSuccess: async (result) => {
      if (!result.ok) return;
      setDone(
        mode === "remove"
          ? t.passphrase.removed
          : protectedByPassphrase
            ? t.passphrase.changed
            : t.passphrase.set,
      );
      reset("idle");
      await refresh();
    },
  });

  function reset(to: Mode) {
    setMode(to);
    setCurrent("");
    setNext("");
    setRepeat("");
    setFieldError(undefined);
    save.reset();
    if (to !== "idle") setDone(undefined);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === "set") {
      const checked = passphraseSchema.safeParse(next);
      if (!checked.success) return setFieldError(t.passphrase.tooShort);
      if (next !== repeat) return setFieldError(t.passphrase.notSame);
    }
    setFieldError(undefined);
    save.mutate();
  }

  const wrong = save.data && !save.data.ok ? t.passphrase.wrong : undefined;

  return (
    <Card className="grid gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h2 id="wallet-passphrase-heading" className="text-lg font-semibold text-slate-900">
            {t.passphrase.title}
          </h2>
          <p className="text-sm text-slate-600">
            {protectedByPassphrase ? t.passphrase.on : t.passphrase.off}
          </p>
        </div>
        {protectedByPassphrase ? (
          <Button
            variant="secondary"
            data-testid={testIds.wallet.lock}
            onClick={() => {
              lockWallet();
              void refresh();
            }}
          >
            {t.passphrase.lock}
          </Button>
        ) : null}
      </div>
      {done ? (
        <Alert
          tone="success"
          title={t.passphrase.saved}
          data-testid={testIds.wallet.passphraseResult}
        >
          {done}
        </Alert>
      ) : null}
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => reset("set")}>
            {protectedByPassphrase ? t.passphrase.change : t.passphrase.setOne}
          </Button>
          {protectedByPassphrase ? (
            <Button variant="secondary" onClick={() => reset("remove")}>
              {t.passphrase.remove}
            </Button>
          ) : null}
        </div>
      ) : (
        <form
          onSubmit={submit}
          noValidate
          className="grid gap-3 sm:max-w-sm"
          data-testid={testIds.wallet.passphraseForm}
        >
          {protectedByPassphrase ? (
            <TextField
              label={t.passphrase.current}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              error={wrong}
              required
            />
          ) : null}
          {mode === "set" ? (
            <>
              <TextField
                label={protectedByPassphrase ? t.passphrase.newOne : t.passphrase.first}
                type="password"
                autoComplete="new-password"
                hint={t.passphrase.hint}
                value={next}
                onChange={(e) => setNext(e.target.value)}
                error={fieldError}
                required
              />
              <TextField
                label={t.passphrase.repeat}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                required
              />
            </>
          ) : null}
          {save.error ? (
            <Alert tone="error" title={t.passphrase.nothingChanged}>
              {save.error.message}
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" busy={save.isPending}>
              {mode === "remove" ? t.passphrase.remove : t.passphrase.save}
            </Button>
            <Button type="button" variant="secondary" onClick={() => reset("idle")}>
              {t.passphrase.cancel}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
