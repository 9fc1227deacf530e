"use client";

import { useSyncExternalStore } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { ReceiveOfferView } from "@/components/wallet/receive-offer-view";
import type { PublicLedgerConfig } from "@/lib/env";

const noop = () => () => {};

export function ReceivePageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  // `?offer=` carries an offer handed over by a link or a scanner; null while on the server.
  const initialOffer = useSyncExternalStore(
    noop,
    () => new URLSearchParams(window.location.search).get("offer") ?? "",
    () => null,
  );
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title="Receive from another issuer"
        description="Any issuer that supports OpenID for Verifiable Credential Issuance can send a credential to this wallet. Paste the offer it gave you, check who is offering what, then accept."
      />
      {initialOffer === null ? (
        <p role="status" className="text-sm text-slate-600">
          Loading…
        </p>
      ) : (
        <ReceiveOfferView initialOffer={initialOffer} ledgerConfig={ledgerConfig} />
      )}
    </div>
  );
}
