"use client";

import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import { decodeJwt } from "@/lib/wallet/decode-jwt";
import type { StoredCredential } from "@/lib/wallet/schemas";
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
  // One verifier for the page, so DID documents and status lists are fetched once for all cards.
  const verifier = useBrowserVerifier(ledgerConfig);
  const { t } = useWalletText();
  return (
    <ul className="grid gap-4">
      {credentials.map((credential) => (
        <li key={credential.id} className="grid gap-2">
          <VerifiedCredentialCard credential={credential} verifier={verifier} />
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
  );
}
