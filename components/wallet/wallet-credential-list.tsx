"use client";

import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { VerifiedCredentialCard } from "./verified-credential-card";

export function WalletCredentialList({
  credentials,
  ledgerConfig,
}: {
  credentials: StoredCredential[];
  ledgerConfig: PublicLedgerConfig;
}) {
  // One verifier for the page, so DID documents and status lists are fetched once for all cards.
  const verifier = useBrowserVerifier(ledgerConfig);
  return (
    <ul className="grid gap-4">
      {credentials.map((credential) => (
        <li key={credential.id}>
          <VerifiedCredentialCard credential={credential} verifier={verifier} />
        </li>
      ))}
    </ul>
  );
}
