"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { BackupPanel, RestoreForm, RestoreSummaryAlert } from "@/components/wallet/backup-panel";
import { DossierSharesPanel } from "@/components/wallet/dossier-shares-panel";
import { IdentityPanel } from "@/components/wallet/identity-panel";
import { LanguageSwitch } from "@/components/wallet/language-switch";
import { PassphraseSettings } from "@/components/wallet/passphrase-settings";
import { RebindPanel } from "@/components/wallet/rebind-panel";
import { UnlockForm } from "@/components/wallet/unlock-form";
import { WalletCredentialList } from "@/components/wallet/wallet-credential-list";
import { useWalletText } from "@/components/wallet/wallet-text";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { credentialsToRebind } from "@/lib/wallet/rebind-credentials";
import {
  createIdentity,
  listCredentials,
  openWallet,
  type RestoreSummary,
} from "@/lib/wallet/wallet-store";

export function WalletPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const queryClient = useQueryClient();
  const { t } = useWalletText();
  const [restored, setRestored] = useState<RestoreSummary>();
  const vault = useQuery({ queryKey: queryKeys.wallet.vault(), queryFn: openWallet });
  const open = vault.data && !vault.data.locked;
  const credentials = useQuery({
    queryKey: queryKeys.wallet.credentials(),
    queryFn: listCredentials,
    enabled: Boolean(open),
  });
  const create = useMutation({
    mutationFn: createIdentity,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.wallet.vault() }),
  });
  const storageError = vault.error ?? credentials.error;
  const identity = vault.data?.identity ?? null;
  const stillBound = useMemo(
    () =>
      identity && credentials.data
        ? credentialsToRebind(credentials.data, identity.did).length
        : undefined,
    [identity, credentials.data],
  );

  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title={t.page.title}
        description={t.page.description}
        actions={<LanguageSwitch />}
      />
      {storageError ? (
        <Alert tone="error" title={t.page.storageErrorTitle}>
          {t.page.storageError(storageError.message)}
        </Alert>
      ) : vault.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          {t.page.opening}
        </p>
      ) : vault.data?.locked ? (
        <UnlockForm />
      ) : (
        <IdentityPanel
          identity={identity}
          lastBackupAt={vault.data?.lastBackupAt ?? null}
          onCreate={() => create.mutate()}
          creating={create.isPending}
          createError={create.error}
        />
      )}
      {open && !identity && !vault.data?.credentialCount ? (
        <Card>
          <RestoreForm onRestored={setRestored} />
        </Card>
      ) : null}
      {restored ? <RestoreSummaryAlert summary={restored} stillBound={stillBound} /> : null}
      {open && identity && credentials.data?.length ? (
        <RebindPanel identity={identity} credentials={credentials.data} />
      ) : null}
      {open && (identity || vault.data?.credentialCount) ? (
        <section aria-labelledby="wallet-credentials" className="grid gap-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="wallet-credentials" className="text-lg font-semibold text-slate-900">
              {t.page.credentials}
            </h2>
            <Link
              href="/wallet/receive"
              className="text-brand-700 text-sm font-medium underline"
              data-testid={testIds.wallet.receiveLink}
            >
              {t.page.receive}
            </Link>
          </div>
          {credentials.isPending ? (
            <p role="status" className="text-sm text-slate-600">
              {t.page.loadingCredentials}
            </p>
          ) : credentials.data?.length ? (
            <WalletCredentialList
              credentials={credentials.data}
              ledgerConfig={ledgerConfig}
              holderDid={identity?.did ?? null}
            />
          ) : (
            <EmptyState title={t.page.emptyTitle}>{t.page.empty}</EmptyState>
          )}
        </section>
      ) : null}
      {open && identity && credentials.data?.length ? (
        <DossierSharesPanel identity={identity} credentials={credentials.data} />
      ) : null}
      {open && identity && vault.data ? (
        <>
          <div id="backup" className="scroll-mt-4">
            <BackupPanel lastBackupAt={vault.data.lastBackupAt} onRestored={setRestored} />
          </div>
          <PassphraseSettings protection={vault.data.protection} />
        </>
      ) : null}
    </div>
  );
}
