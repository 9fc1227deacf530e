"use client";

import { useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { ClaimView } from "@/components/wallet/claim-view";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import { readClaimToken } from "@/lib/wallet/claim-credential";

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function ClaimPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  // The token is in the fragment, which only the browser sees: null while rendering on the server.
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => null,
  );
  const token = hash === null ? undefined : readClaimToken(hash);

  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title="Add a credential"
        description="An issuer has offered you a credential. Check what it says, then accept it into your wallet."
      />
      {token === undefined ? (
        <p role="status" className="text-sm text-slate-600">
          Reading the link…
        </p>
      ) : token === null ? (
        <Alert
          tone="error"
          title="This claim link is incomplete"
          data-testid={testIds.wallet.claimError}
        >
          The link has no claim code after the # sign. Open the link exactly as your issuer sent it,
          or copy all of it into the address bar.
        </Alert>
      ) : (
        <ClaimView key={token} token={token} ledgerConfig={ledgerConfig} />
      )}
    </div>
  );
}
