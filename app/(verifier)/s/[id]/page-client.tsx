"use client";

import { useSyncExternalStore } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { DossierUnavailable } from "@/components/verification/dossier-unavailable";
import { DossierView } from "@/components/verification/dossier-view";
import type { PublicLedgerConfig } from "@/lib/env";
import { shareIdSchema, shareKeySchema } from "@/lib/shares/schemas";

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/**
 * The opener of a dossier link. The key is read from `location.hash`, which the browser never
 * sends to the server; only the id in the path is used to fetch the ciphertext.
 */
export function DossierPageClient({
  id,
  ledgerConfig,
}: {
  id: string;
  ledgerConfig: PublicLedgerConfig;
}) {
  // null on the server and during hydration: the fragment exists only in the browser.
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => null,
  );
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const fragment = hash?.replace(/^#/, "") ?? "";
  const key = shareKeySchema.safeParse(fragment).success ? fragment : null;

  return (
    <div className="grid max-w-4xl gap-6">
      <PageHeader
        title="Shared dossier"
        description="A doctor shared these credentials with you. They are checked here, in your browser: the doctor's signature, and each issuer's signature, status, ledger anchor and accreditation."
      />
      {hash === null ? (
        <p role="status" className="text-sm text-slate-600">
          Opening…
        </p>
      ) : !shareIdSchema.safeParse(id).success ? (
        <DossierUnavailable outcome={{ kind: "refused", code: "SHARE_NOT_FOUND", message: "" }} />
      ) : key === null ? (
        <DossierUnavailable outcome={{ kind: "incomplete" }} />
      ) : (
        <DossierView
          source={{ kind: "link", link: { origin, id, key } }}
          ledgerConfig={ledgerConfig}
        />
      )}
    </div>
  );
}
