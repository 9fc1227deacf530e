"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { CredentialInput } from "@/components/verification/credential-input";
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
export function VerifyPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const queryClient = useQueryClient();
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
      <PageHeader
        title="Verify a credential"
        description="Check a doctor's credential: the issuer's signature, its validity period, whether it has been revoked or suspended, the ledger anchor of its status, and the issuer's accreditation. The check runs in your browser."
        actions={
          <Link
            href="/verify/roster"
            className="text-brand-700 hover:bg-brand-50 inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
          >
            Verify a roster (CSV or JSON)
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start">
        <CredentialInput onCredential={submit} />
        <VerificationPanel
          jwt={jwt}
          verification={verification}
          error={error}
          checking={checking}
          trustError={trustError}
          trustLoading={trustLoading}
          onRecheck={trustError ? retryTrust : recheck}
        />
      </div>
    </>
  );
}
