"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import type { HolderIdentity, StoredCredential } from "@/lib/wallet/schemas";
import { listShares } from "@/lib/wallet/wallet-store";
import { DossierShareList } from "./dossier-share-list";
import { ShareDossierDialog } from "./share-dossier-dialog";
import { useWalletText } from "./wallet-text";

/** "Shared dossiers": make a new link, and see and revoke the ones already sent. */
export function DossierSharesPanel({
  identity,
  credentials,
}: {
  identity: HolderIdentity;
  credentials: StoredCredential[];
}) {
  const { t } = useWalletText();
  const [sharing, setSharing] = useState(false);
  const shares = useQuery({ queryKey: queryKeys.wallet.shares(), queryFn: listShares });

  return (
    <section aria-labelledby="wallet-shares" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="wallet-shares" className="text-lg font-semibold text-slate-900">
          {t.dossier.heading}
        </h2>
        <Button
          onClick={() => setSharing(true)}
          disabled={credentials.length === 0}
          data-testid={testIds.dossier.shareOpen}
        >
          {t.dossier.share}
        </Button>
      </div>
      {shares.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          {t.dossier.loading}
        </p>
      ) : shares.isError ? (
        <Alert tone="error" title={t.dossier.readFailed}>
          {shares.error.message}
        </Alert>
      ) : shares.data.length ? (
        <DossierShareList shares={shares.data} />
      ) : (
        <EmptyState title={t.dossier.emptyTitle}>{t.dossier.empty}</EmptyState>
      )}
      {sharing ? (
        <ShareDossierDialog
          identity={identity}
          credentials={credentials}
          onClose={() => setSharing(false)}
        />
      ) : null}
    </section>
  );
}
