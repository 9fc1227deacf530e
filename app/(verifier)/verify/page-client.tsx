"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { CredentialInput } from "@/components/verification/credential-input";
import { DossierView } from "@/components/verification/dossier-view";
import { recognizeDossier } from "@/components/verification/recognize-dossier";
import type { DossierSource } from "@/components/verification/use-dossier";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import { useVerification } from "@/components/verification/use-verification";
import { VerificationPanel } from "@/components/verification/verification-panel";
import { PageHeader } from "@/components/ui/page-header";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";

/**
 * The verifier: everything runs in this browser against the issuer's DID document, its status
 * list and the ledger; the credential itself is never sent to Vitae.
 */
const actionClass =
  "text-brand-700 hover:bg-brand-50 inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium";

export function VerifyPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const queryClient = useQueryClient();
  // A dossier link or a presentation JWT gets the presentation report instead.
  const [dossier, setDossier] = useState<DossierSource | null>(null);
  const { verify, trustError, trustLoading } = useBrowserVerifier(ledgerConfig);
  const { jwt, submit, recheck, verification, error, checking } = useVerification(
    verify,
    ledgerConfig,
  );

  // Without the trust registry nothing can be checked, so "Check again" retries loading it;
  // the pending credential is then verified as soon as it arrives.
  const retryTrust = () =>
    void queryClient.refetchQueries({
      queryKey: queryKeys.trustRegistry(ledgerConfig.chainId, ledgerConfig.registryAddress),
    });

  return (
    <>
      <div className="no-print">
        <PageHeader
          title="Verify a credential"
          description="Check a doctor's credential, a presentation or a dossier link: the issuer's signature, its validity period, whether it has been revoked or suspended, the ledger anchor of its status, and the issuer's accreditation. The check runs in your browser."
          actions={
            <>
              <Link href="/verify/request" className={actionClass}>
                Request from a doctor
              </Link>
              <Link href="/verify/roster" className={actionClass}>
                Verify a roster (CSV or JSON)
              </Link>
            </>
          }
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start">
        <div className="no-print min-w-0">
          <CredentialInput
            onCredential={(text) => {
              const found = recognizeDossier(text);
              setDossier(found);
              if (!found) submit(text);
            }}
          />
        </div>
        {dossier ? (
          <DossierView
            key={dossier.kind === "link" ? dossier.link.id : dossier.jwt}
            source={dossier}
            ledgerConfig={ledgerConfig}
          />
        ) : (
          <VerificationPanel
            jwt={jwt}
            verification={verification}
            error={error}
            checking={checking}
            trustError={trustError}
            trustLoading={trustLoading}
            onRecheck={trustError ? retryTrust : recheck}
            ledgerConfig={ledgerConfig}
          />
        )}
      </div>
    </>
  );
}
