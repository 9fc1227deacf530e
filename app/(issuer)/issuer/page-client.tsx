"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { IssueLicenseForm } from "@/components/issuer/issue-license-form";
import { IssueResult } from "@/components/issuer/issue-result";
import { IssuedCredentialsTable } from "@/components/issuer/issued-credentials-table";
import type { IssuedCredential } from "@/components/issuer/issuer-api";
import { IssuerHeader } from "@/components/issuer/issuer-header";
import { SignInPanel } from "@/components/issuer/sign-in-panel";
import { useIssuerDirectory } from "@/components/issuer/use-issuer-directory";
import { useIssuerSession } from "@/components/issuer/use-issuer-session";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { queryKeys } from "@/lib/query-keys";

type Issued = { credential: IssuedCredential; holderName: string };

/**
 * The issuer console: sign in with the organisation's API key, issue medical licences and manage
 * the status of what was issued. Signed-in state lives in sessionStorage (useIssuerSession).
 */
export function IssuerPageClient() {
  const queryClient = useQueryClient();
  const { session, ready, signIn, signOut } = useIssuerSession();
  const directory = useIssuerDirectory();
  const [issued, setIssued] = useState<Issued | null>(null);

  function handleSignOut() {
    // Data fetched with the key should not outlive it in this tab.
    if (session) queryClient.removeQueries({ queryKey: queryKeys.issuerCredentials(session.slug) });
    setIssued(null);
    signOut();
  }

  if (!ready) {
    return (
      <p role="status" className="py-16 text-center text-sm text-slate-600">
        Loading the issuer console…
      </p>
    );
  }

  if (!session) {
    return (
      <>
        <PageHeader
          title="Issuer console"
          description="Issue verifiable credentials to doctors and keep their status up to date on the ledger."
        />
        <SignInPanel onSignedIn={signIn} />
      </>
    );
  }

  const issuer = directory.data?.find((entry) => entry.slug === session.slug);
  // Until the directory is in, let the server decide: it refuses types the issuer may not issue.
  const issuesLicences = !issuer || issuer.credentialTypes.includes("MedicalLicenseCredential");

  return (
    <>
      <IssuerHeader slug={session.slug} issuer={issuer} onSignOut={handleSignOut} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-start">
        {issuesLicences ? (
          <IssueLicenseForm
            session={session}
            onIssued={(credential, holderName) => setIssued({ credential, holderName })}
          />
        ) : (
          <Alert tone="info" title="No medical licences from this issuer">
            {issuer.name} is not set up to issue medical licences. Other credential types follow in
            a later release.
          </Alert>
        )}
        {issued ? (
          <IssueResult
            key={issued.credential.id}
            credential={issued.credential}
            holderName={issued.holderName}
            issuerName={issuer?.name ?? session.slug}
            onDismiss={() => setIssued(null)}
          />
        ) : (
          <Card className="text-sm text-slate-600">
            <h2 className="font-semibold text-slate-900">After issuing</h2>
            <p className="mt-1">
              You get a one-time claim link, as text, QR code and a ready e-mail. The doctor opens
              it in their Vitae wallet, which binds the credential to their own key.
            </p>
          </Card>
        )}
      </div>
      <IssuedCredentialsTable session={session} />
    </>
  );
}
