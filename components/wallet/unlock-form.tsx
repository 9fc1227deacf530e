"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { unlockWallet } from "@/lib/wallet/wallet-store";
import { useWalletRefresh } from "./use-wallet-refresh";
import { useWalletText } from "./wallet-text";

/** Shown instead of the wallet while its data key is locked under the doctor's passphrase. */
export function UnlockForm() {
  const refresh = useWalletRefresh();
  const { t } = useWalletText();
  const [passphrase, setPassphrase] = useState("");
  const unlock = useMutation({
    mutationFn: () => unlockWallet(passphrase),
    onSuccess: async (result) => {
      if (result.ok) {
        setPassphrase("");
        await refresh();
      }
    },
  });
  const error =
    unlock.data && !unlock.data.ok
      ? unlock.data.code === "WRONG_PASSPHRASE"
        ? t.unlock.wrongPassphrase
        : t.unlock.corrupted
      : unlock.error
        ? t.unlock.failed(unlock.error.message)
        : undefined;

  return (
    <Card className="grid gap-3" data-testid={testIds.wallet.unlockForm}>
      <h2 className="text-lg font-semibold text-slate-900">{t.unlock.title}</h2>
      <p className="text-sm text-slate-700">{t.unlock.body}</p>
      <form
        className="grid gap-3 sm:max-w-sm"
        onSubmit={(event) => {
          event.preventDefault();
          if (passphrase) unlock.mutate();
        }}
      >
        <TextField
          label={t.unlock.passphrase}
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          error={error}
          required
          // The doctor came here to type the passphrase.
          autoFocus
        />
        <div>
          <Button type="submit" busy={unlock.isPending}>
            {unlock.isPending ? t.unlock.unlocking : t.unlock.unlock}
          </Button>
        </div>
      </form>
      {error ? (
        <p data-testid={testIds.wallet.unlockError} className="sr-only" role="alert">
          {error}
        </p>
      ) : null}
    </Card>
  );
}
