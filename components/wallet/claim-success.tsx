"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import type { ClaimOutcome } from "@/lib/wallet/claim-credential";
import { VerifiedCredentialCard } from "./verified-credential-card";
import { useWalletText } from "./wallet-text";

export function ClaimSuccess({
  outcome,
  ledgerConfig,
}: {
  outcome: ClaimOutcome;
  ledgerConfig: PublicLedgerConfig;
}) {
  const { t } = useWalletText();
  const verifier = useBrowserVerifier(ledgerConfig);
  // The Accept button that had focus is gone; continue from the result, not the top of the page.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), []);
  return (
    <div ref={resultRef} tabIndex={-1} className="grid gap-4 outline-none">
      <Alert
        tone="success"
        title={outcome.added ? t.claim.addedTitle : t.claim.alreadyTitle}
        data-testid={testIds.wallet.claimResult}
      >
        <p>{outcome.added ? t.claim.added(outcome.credential.issuerName) : t.claim.already}</p>
        <p className="mt-2">
          <Link href="/wallet" className="font-medium underline">
            {t.claim.goToWallet}
          </Link>
        </p>
      </Alert>
      <VerifiedCredentialCard credential={outcome.credential} verifier={verifier} />
    </div>
  );
}
