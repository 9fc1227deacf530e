"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CredentialDetail } from "@/components/wallet/credential-detail";
import { UnlockForm } from "@/components/wallet/unlock-form";
import { useWalletText } from "@/components/wallet/wallet-text";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { listCredentials, openWallet } from "@/lib/wallet/wallet-store";

function decodedId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function CredentialPageClient({
  id: rawId,
  ledgerConfig,
}: {
  id: string;
  ledgerConfig: PublicLedgerConfig;
}) {
  const { t } = useWalletText();
  const id = decodedId(rawId);
  const vault = useQuery({ queryKey: queryKeys.wallet.vault(), queryFn: openWallet });
  const open = vault.data && !vault.data.locked;
  const credentials = useQuery({
    queryKey: queryKeys.wallet.credentials(),
    queryFn: listCredentials,
    enabled: Boolean(open),
  });
  const heldIds = useMemo(
    () => new Set((credentials.data ?? []).map((c) => c.id)),
    [credentials.data],
  );
  const credential = credentials.data?.find((c) => c.id === id);
  const error = vault.error ?? credentials.error;

  return (
    <div className="grid max-w-3xl gap-4">
      <nav aria-label={t.detail.breadcrumb} className="text-sm">
        <Link href="/wallet" className="text-brand-700 font-medium hover:underline">
          {t.detail.back}
        </Link>
      </nav>
      <PageHeader title={t.detail.title} description={t.detail.description} />
      {error ? (
        <Alert tone="error" title={t.page.storageErrorTitle}>
          {t.page.storageError(error.message)}
        </Alert>
      ) : vault.isPending || (open && credentials.isPending) ? (
        <p role="status" className="text-sm text-slate-600">
          {t.page.opening}
        </p>
      ) : vault.data?.locked ? (
        <UnlockForm />
      ) : credential ? (
        <CredentialDetail credential={credential} ledgerConfig={ledgerConfig} heldIds={heldIds} />
      ) : (
        <EmptyState
          title={t.detail.notHeldTitle}
          action={
            <Link href="/wallet" className="text-brand-700 font-medium underline">
              {t.detail.backToList}
            </Link>
          }
        >
          {t.detail.notHeld}
        </EmptyState>
      )}
    </div>
  );
}
