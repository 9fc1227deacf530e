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

type Mode = "idle" | "set" | "remove";

/**
 * The optional wallet passphrase: set, change or remove it, and lock the wallet. Without one the
 * credentials are still encrypted, under a key this browser profile holds and cannot export.
 */
export function PassphraseSettings({ protection }: { protection: "device" | "passphrase" }) {
  const refresh = useWalletRefresh();
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
          ? "Passphrase removed. The wallet now opens without asking in this browser."
          : protectedByPassphrase
            ? "Passphrase changed. Use the new one next time you unlock."
            : "Passphrase set. The wallet will ask for it whenever it is opened.",
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
      if (!checked.success) return setFieldError(checked.error.issues[0]?.message);
      if (next !== repeat) return setFieldError("The two passphrases are not the same.");
    }
    setFieldError(undefined);
    save.mutate();
  }

  const wrong = save.data && !save.data.ok ? save.data.message : undefined;

  return (
    <Card className="grid gap-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h2 id="wallet-passphrase-heading" className="text-lg font-semibold text-slate-900">
            Wallet passphrase
          </h2>
          <p className="text-sm text-slate-600">
            {protectedByPassphrase
              ? "On. Your credentials are encrypted with a key only your passphrase unlocks."
              : "Off. Your credentials are encrypted with a key kept by this browser, so anyone using this browser profile can open the wallet."}
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
            Lock wallet
          </Button>
        ) : null}
      </div>
      {done ? (
        <Alert tone="success" title="Saved" data-testid={testIds.wallet.passphraseResult}>
          {done}
        </Alert>
      ) : null}
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => reset("set")}>
            {protectedByPassphrase ? "Change passphrase" : "Set a passphrase"}
          </Button>
          {protectedByPassphrase ? (
            <Button variant="secondary" onClick={() => reset("remove")}>
              Remove passphrase
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
              label="Current passphrase"
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
                label={protectedByPassphrase ? "New passphrase" : "Passphrase"}
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters. Vitae cannot recover it: if you forget it, only a backup brings your credentials back."
                value={next}
                onChange={(e) => setNext(e.target.value)}
                error={fieldError}
                required
              />
              <TextField
                label="Repeat the passphrase"
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                required
              />
            </>
          ) : null}
          {save.error ? (
            <Alert tone="error" title="Nothing was changed">
              {save.error.message}
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" busy={save.isPending}>
              {mode === "remove" ? "Remove passphrase" : "Save passphrase"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => reset("idle")}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
