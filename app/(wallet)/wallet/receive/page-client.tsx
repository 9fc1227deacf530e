"use client";

import { useSyncExternalStore } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { ReceiveOfferView } from "@/components/wallet/receive-offer-view";
import { useWalletText } from "@/components/wallet/wallet-text";
import type { PublicLedgerConfig } from "@/lib/env";

const noop = () => () => {};

export function ReceivePageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const { t } = useWalletText();
  // `?offer=` carries an offer handed over by a link or a scanner; null while on the server.
  const initialOffer = useSyncExternalStore(
    noop,
    () => new URLSearchParams(window.location.search).get("offer") ?? "",
    () => null,
  );
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader title={t.receive.title} description={t.receive.description} />
      {initialOffer === null ? (
        <p role="status" className="text-sm text-slate-600">
          {t.receive.loading}
        </p>
      ) : (
        <ReceiveOfferView initialOffer={initialOffer} ledgerConfig={ledgerConfig} />
      )}
    </div>
  );
}
