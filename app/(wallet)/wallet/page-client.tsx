"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { IdentityPanel } from "@/components/wallet/identity-panel";
import { WalletCredentialList } from "@/components/wallet/wallet-credential-list";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { createIdentity, getIdentity, listCredentials } from "@/lib/wallet/wallet-store";

export function WalletPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const queryClient = useQueryClient();
  const identity = useQuery({ queryKey: queryKeys.wallet.identity(), queryFn: getIdentity });
  const credentials = useQuery({
    queryKey: queryKeys.wallet.credentials(),
    queryFn: listCredentials,
  });
  const create = useMutation({
    mutationFn: createIdentity,
    onSuccess: (created) => queryClient.setQueryData(queryKeys.wallet.identity(), created),
  });
  const storageError = identity.error ?? credentials.error;

  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title="My wallet"
        description="Your credentials, kept in this browser and checked live against their issuers and the ledger."
      />
      {storageError ? (
        <Alert tone="error" title="This browser could not open your wallet">
          The wallet needs this site&apos;s storage (IndexedDB), which private browsing or strict
          privacy settings can turn off. ({storageError.message})
        </Alert>
      ) : identity.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Opening your wallet…
        </p>
      ) : (
        <IdentityPanel
          identity={identity.data ?? null}
          onCreate={() => create.mutate()}
          creating={create.isPending}
          createError={create.error}
        />
      )}
      {identity.data || credentials.data?.length ? (
        <section aria-labelledby="wallet-credentials" className="grid gap-3">
          <h2 id="wallet-credentials" className="text-lg font-semibold text-slate-900">
            Credentials
          </h2>
          {credentials.isPending ? (
            <p role="status" className="text-sm text-slate-600">
              Loading credentials…
            </p>
          ) : credentials.data?.length ? (
            <WalletCredentialList credentials={credentials.data} ledgerConfig={ledgerConfig} />
          ) : (
            <EmptyState title="No credentials yet">
              Open a claim link from your issuer to add a credential.
            </EmptyState>
          )}
        </section>
      ) : null}
    </div>
  );
}
