"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CredentialDetail } from "@/components/wallet/credential-detail";
import { UnlockForm } from "@/components/wallet/unlock-form";
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
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/wallet" className="text-brand-700 font-medium hover:underline">
          ← All credentials
        </Link>
      </nav>
      <PageHeader
        title="Credential details"
        description="Every claim, who vouches for the issuer, where its status is anchored, and its corrections."
      />
      {error ? (
        <Alert tone="error" title="This browser could not open your wallet">
          The wallet needs this site&apos;s storage (IndexedDB), which private browsing or strict
          privacy settings can turn off. ({error.message})
        </Alert>
      ) : vault.isPending || (open && credentials.isPending) ? (
        <p role="status" className="text-sm text-slate-600">
          Opening your wallet…
        </p>
      ) : vault.data?.locked ? (
        <UnlockForm />
      ) : credential ? (
        <CredentialDetail credential={credential} ledgerConfig={ledgerConfig} heldIds={heldIds} />
      ) : (
        <EmptyState
          title="This credential is not in your wallet"
          action={
            <Link href="/wallet" className="text-brand-700 font-medium underline">
              Back to your credentials
            </Link>
          }
        >
          It may have been removed, or this wallet belongs to another browser profile.
        </EmptyState>
      )}
    </div>
  );
}
