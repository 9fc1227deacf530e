"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import type { ClaimOutcome } from "@/lib/wallet/claim-credential";
import { VerifiedCredentialCard } from "./verified-credential-card";

export function ClaimSuccess({
  outcome,
  ledgerConfig,
}: {
  outcome: ClaimOutcome;
  ledgerConfig: PublicLedgerConfig;
}) {
  const verifier = useBrowserVerifier(ledgerConfig);
  // The Accept button that had focus is gone; continue from the result, not the top of the page.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), []);
  return (
    <div ref={resultRef} tabIndex={-1} className="grid gap-4 outline-none">
      <Alert
        tone="success"
        title={outcome.added ? "Added to your wallet" : "Already in your wallet"}
        data-testid={testIds.wallet.claimResult}
      >
        <p>
          {outcome.added
            ? `Your ${outcome.credential.issuerName} credential is stored in this browser, bound to your wallet's key.`
            : "This credential was already in your wallet, so nothing was added twice."}
        </p>
        <p className="mt-2">
          <Link href="/wallet" className="font-medium underline">
            Go to my wallet
          </Link>
        </p>
      </Alert>
      <VerifiedCredentialCard credential={outcome.credential} verifier={verifier} />
    </div>
  );
}
