"use client";

import { useState } from "react";
import { BulkIssuePanel } from "@/components/issuer/bulk-issue-panel";
import { IssueCredentialForm } from "@/components/issuer/issue-credential-form";
import { IssueResult } from "@/components/issuer/issue-result";
import { IssuedCredentialsTable } from "@/components/issuer/issued-credentials-table";
import type { IssuedCredential } from "@/components/issuer/issuer-api";
import { IssuerConsole, type SignedIn } from "@/components/issuer/issuer-console";
import { useIssuerDirectory } from "@/components/issuer/use-issuer-directory";
import { Alert } from "@/components/ui/alert";
import { isCredentialTypeName } from "@/lib/credentials/credential-types";

type Issued = { credential: IssuedCredential; holderName: string; title: string };

/**
 * The issuer console's main page: issue credentials and manage the status of what was issued.
 * Signing in (staff e-mail and password, session cookie) is handled by IssuerConsole.
 */
export function IssuerPageClient({ initialQuery = "" }: { initialQuery?: string }) {
  return (
    <IssuerConsole current="issue">
      {(session) => <IssuePage session={session} initialQuery={initialQuery} />}
    </IssuerConsole>
  );
}

function IssuePage({ session, initialQuery }: { session: SignedIn; initialQuery: string }) {
  const directory = useIssuerDirectory();
  const [issued, setIssued] = useState<Issued | null>(null);

  const issuer = directory.data?.find((entry) => entry.slug === session.slug);
  // Only the types this issuer is accredited for; the server refuses any other.
  const types = (issuer?.credentialTypes ?? []).filter(isCredentialTypeName);
  const issuerName = issuer?.name ?? session.issuer.name;

  return (
    <>
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
      <IssuedCredentialsTable session={session} initialQuery={initialQuery} />
    </>
  );
}
