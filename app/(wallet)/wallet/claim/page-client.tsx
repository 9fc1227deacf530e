"use client";

import { useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { ClaimView } from "@/components/wallet/claim-view";
import { useWalletText } from "@/components/wallet/wallet-text";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import { readClaimToken } from "@/lib/wallet/claim-credential";

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function ClaimPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const { t } = useWalletText();
  // The token is in the fragment, which only the browser sees: null while rendering on the server.
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => null,
  );
  const token = hash === null ? undefined : readClaimToken(hash);

  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader title={t.claim.title} description={t.claim.description} />
      {token === undefined ? (
        <p role="status" className="text-sm text-slate-600">
          {t.claim.reading}
        </p>
      ) : token === null ? (
        <Alert tone="error" title={t.claim.incompleteTitle} data-testid={testIds.wallet.claimError}>
          {t.claim.incomplete}
        </Alert>
      ) : (
        <ClaimView key={token} token={token} ledgerConfig={ledgerConfig} />
      )}
    </div>
  );
}
