"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { BulkIssuePanel } from "@/components/issuer/bulk-issue-panel";
import { IssueCredentialForm } from "@/components/issuer/issue-credential-form";
import { IssueResult } from "@/components/issuer/issue-result";
import { IssuedCredentialsTable } from "@/components/issuer/issued-credentials-table";
import type { IssuedCredential } from "@/components/issuer/issuer-api";
import { IssuerHeader } from "@/components/issuer/issuer-header";
import { SignInPanel } from "@/components/issuer/sign-in-panel";
import { useIssuerDirectory } from "@/components/issuer/use-issuer-directory";
import { useIssuerSession } from "@/components/issuer/use-issuer-session";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { isCredentialTypeName } from "@/lib/credentials/credential-types";
import { queryKeys } from "@/lib/query-keys";

type Issued = { credential: IssuedCredential; holderName: string; title: string };

/**
 * The issuer console: sign in with the organisation's API key, issue credentials and manage
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
  // Only the types this issuer is accredited for; the server refuses any other.
  const types = (issuer?.credentialTypes ?? []).filter(isCredentialTypeName);
  const issuerName = issuer?.name ?? session.slug;

  return (
    <>
      <IssuerHeader slug={session.slug} issuer={issuer} onSignOut={handleSignOut} />
      {directory.isPending ? (
        <p role="status" className="py-8 text-center text-sm text-slate-600">
          Loading the credential types…
        </p>
      ) : directory.isError ? (
        <Alert tone="error" title="Could not load the issuer directory">
          {directory.error.message} Reload the page to try again.
        </Alert>
      ) : types.length === 0 ? (
        <Alert tone="info" title="No credential types to issue">
          {issuerName} is not set up to issue any credential type yet.
        </Alert>
      ) : (
        <IssueCredentialForm
          key={session.slug}
          session={session}
          issuerName={issuerName}
          types={types}
          onIssued={(credential, holderName, title) => setIssued({ credential, holderName, title })}
          aside={
            issued ? (
              <IssueResult
                key={issued.credential.id}
                credential={issued.credential}
                holderName={issued.holderName}
                title={issued.title}
                issuerName={issuerName}
                onDismiss={() => setIssued(null)}
              />
            ) : null
          }
        />
      )}
      {types.length > 0 ? (
        <BulkIssuePanel key={`bulk-${session.slug}`} session={session} types={types} />
      ) : null}
      <IssuedCredentialsTable session={session} />
    </>
  );
}
