"use client";

import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { testIds } from "@/lib/test-ids";
import { describeCredential } from "@/lib/wallet/describe-credential";
import { credentialsToRebind, rebindCredentials } from "@/lib/wallet/rebind-credentials";
import type { HolderIdentity, RebindOutcome, StoredCredential } from "@/lib/wallet/schemas";
import { listRecoveryKeys, replaceCredentialJwt } from "@/lib/wallet/wallet-store";
import { useWalletRefresh } from "./use-wallet-refresh";
import { useWalletText } from "./wallet-text";

type Row = { id: string; title: string; outcome: RebindOutcome };

/**
 * After a restore: one button re-binds every card still bound to the previous wallet's key
 * (lib/wallet/rebind-credentials.ts). A credential is replaced only by its re-issued copy; a
 * refusal or a lost connection leaves it exactly as it was.
 */
export function RebindPanel({
  identity,
  credentials,
}: {
  identity: HolderIdentity;
  credentials: StoredCredential[];
}) {
  const { t } = useWalletText();
  const refresh = useWalletRefresh();
  const pending = useMemo(
    () => credentialsToRebind(credentials, identity.did),
    [credentials, identity.did],
  );
  const [rows, setRows] = useState<Row[]>();
  const rebind = useMutation({
    // TanStack Query would pause a mutation while offline; the doctor should hear why at once.
    networkMode: "always",
    mutationFn: async () => {
      const recoveryKeys = await listRecoveryKeys();
      const outcomes = await rebindCredentials(pending, identity, recoveryKeys, {
        fetch: (input, init) => fetch(input, init),
        now: () => new Date(),
        defaultOrigin: location.origin,
      });
      for (const outcome of outcomes) {
        if (outcome.ok) await replaceCredentialJwt(outcome.credentialId, outcome.credential);
      }
      return pending.map((c, i) => ({
        id: c.id,
        title: describeCredential(c.jwt).title,
        outcome: outcomes[i]!,
      }));
    },
    onSuccess: async (result) => {
      setRows(result);
      await refresh();
    },
  });

  if (pending.length === 0 && !rows) return null;
  const offline = rows?.length && rows.every((r) => !r.outcome.ok && r.outcome.code === "NETWORK");
  const reboundCount = rows?.filter((r) => r.outcome.ok).length ?? 0;

  return (
    <Card
      className="grid gap-3 border-amber-200"
      data-testid={testIds.wallet.rebindPanel}
      aria-labelledby="wallet-rebind-title"
    >
      <h2 id="wallet-rebind-title" className="text-lg font-semibold text-slate-900">
        {t.rebind.title}
      </h2>
      {pending.length > 0 ? (
        <>
          <p className="text-sm text-slate-700">{t.rebind.body(pending.length)}</p>
          <div>
            <Button
              onClick={() => rebind.mutate()}
              busy={rebind.isPending}
              data-testid={testIds.wallet.rebindButton}
            >
              {rebind.isPending
                ? t.rebind.working(pending.length)
                : offline
                  ? t.rebind.retry
                  : t.rebind.button}
            </Button>
          </div>
        </>
      ) : null}
      {rebind.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          {t.rebind.working(pending.length)}
        </p>
      ) : null}
      {rebind.isError ? (
        <Alert tone="error" title={t.rebind.errorTitle} data-testid={testIds.wallet.rebindError}>
          {rebind.error.message}
        </Alert>
      ) : offline ? (
        <Alert tone="error" title={t.rebind.offlineTitle} data-testid={testIds.wallet.rebindError}>
          {t.rebind.offline}
        </Alert>
      ) : rows ? (
        <Alert
          tone={reboundCount === rows.length ? "success" : "warning"}
          title={t.rebind.doneTitle}
        >
          <p>{t.rebind.summary(reboundCount, rows.length)}</p>
          <ul className="mt-2 grid gap-1.5">
            {rows.map((row) => (
              <li
                key={row.id}
                data-testid={testIds.wallet.rebindResult}
                data-outcome={row.outcome.ok ? "ok" : row.outcome.code}
                className="flex flex-wrap gap-x-2"
              >
                <span aria-hidden="true">{row.outcome.ok ? "✓" : "✗"}</span>
                <span className="font-medium">{row.title}</span>
                <span>
                  —{" "}
                  {row.outcome.ok ? t.rebind.rebound : `${t.rebind.failed}: ${row.outcome.message}`}
                </span>
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </Card>
  );
}
