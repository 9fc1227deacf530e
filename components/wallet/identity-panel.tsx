"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { HolderIdentity } from "@/lib/wallet/schemas";
import { testIds } from "@/lib/test-ids";
import { CopyButton } from "@/components/ui/copy-button";
import { LastBackup } from "./backup-panel";
import { useWalletText } from "./wallet-text";

/**
 * The DID, cut in the middle so the part that differs stays visible (every P-256 did:jwk starts
 * with the same ~40 characters). The element's text is still the whole DID, for screen readers,
 * selection and tests.
 */
function DidText({ did }: { did: string }) {
  const tail = did.slice(-10);
  return (
    <code
      data-testid={testIds.wallet.did}
      title={did}
      className="flex min-w-0 font-mono text-sm text-slate-900"
    >
      <span className="truncate">{did.slice(0, -10)}</span>
      <span className="shrink-0">{tail}</span>
    </code>
  );
}

export function IdentityPanel({
  identity,
  lastBackupAt,
  onCreate,
  creating,
  createError,
}: {
  identity: HolderIdentity | null;
  lastBackupAt: string | null;
  onCreate: () => void;
  creating: boolean;
  createError: Error | null;
}) {
  const { t, formatDate } = useWalletText();
  if (!identity) {
    return (
      <Card className="grid gap-3">
        <h2 className="text-lg font-semibold text-slate-900">{t.identity.setUpTitle}</h2>
        <p className="text-sm text-slate-700">{t.identity.setUpBody}</p>
        <div>
          <Button onClick={onCreate} busy={creating} data-testid={testIds.wallet.createWallet}>
            {t.identity.create}
          </Button>
        </div>
        {createError ? (
          <Alert tone="error" title={t.identity.createFailed}>
            {createError.message}
          </Alert>
        ) : null}
      </Card>
    );
  }
  return (
    <Card className="grid gap-4">
      <div className="grid gap-1">
        <h2 className="text-lg font-semibold text-slate-900">{t.identity.title}</h2>
        <p className="text-sm text-slate-600">
          {t.identity.created(formatDate(identity.createdAt))}
        </p>
      </div>
      <div className="flex min-w-0 items-center gap-2">
        <DidText did={identity.did} />
        <CopyButton
          value={identity.did}
          label={t.identity.copyDid}
          text={t.copy}
          data-testid={testIds.wallet.copyDid}
        />
      </div>
      <Alert tone="warning" title={t.identity.onlyHereTitle}>
        <p>
          {t.identity.onlyHere}{" "}
          <a href="#backup" className="font-medium underline">
            {lastBackupAt ? t.identity.backupAgain : t.identity.backupNow}
          </a>
        </p>
        <div className="mt-2">
          <LastBackup at={lastBackupAt} />
        </div>
      </Alert>
    </Card>
  );
}
