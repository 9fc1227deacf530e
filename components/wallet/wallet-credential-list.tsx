"use client";

import { useMemo, useState } from "react";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import { decodeJwt } from "@/lib/wallet/decode-jwt";
import { describeCredential } from "@/lib/wallet/describe-credential";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { FhirExportPanel } from "./fhir-export-panel";
import { VerifiedCredentialCard } from "./verified-credential-card";
import { useWalletText } from "./wallet-text";

export function WalletCredentialList({
  credentials,
  ledgerConfig,
  holderDid,
}: {
  credentials: StoredCredential[];
  ledgerConfig: PublicLedgerConfig;
  /** This wallet's DID: credentials bound to another (restored from a backup) say so. */
  holderDid: string | null;
}) {
  const { t, locale } = useWalletText();
  // One verifier for the page, so DID documents and status lists are fetched once for all cards.
  const verifier = useBrowserVerifier(ledgerConfig);
  const heldIds = useMemo(() => new Set(credentials.map((c) => c.id)), [credentials]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="grid min-w-0 gap-4">
      <ul className="grid min-w-0 gap-4">
        {credentials.map((credential) => (
          <li key={credential.id} className="grid gap-2">
            <VerifiedCredentialCard
              credential={credential}
              verifier={verifier}
              heldIds={heldIds}
              select={
                <input
                  type="checkbox"
                  className="accent-brand-600 mt-1.5 size-5 shrink-0"
                  checked={selected.has(credential.id)}
                  onChange={(e) => toggle(credential.id, e.target.checked)}
                  aria-label={t.card.selectForExport(
                    describeCredential(credential.jwt, locale).title,
                    credential.issuerName,
                  )}
                  data-testid={testIds.wallet.exportSelect}
                />
              }
            />
            {holderDid && decodeJwt(credential.jwt)?.payload.sub !== holderDid ? (
              <p
                className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                data-testid={testIds.wallet.previousKeyNote}
              >
                {t.rebind.note}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <FhirExportPanel
        credentials={credentials}
        selected={selected}
        onClearSelection={() => setSelected(new Set())}
      />
    </div>
  );
}
