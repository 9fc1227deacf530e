"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { testIds } from "@/lib/test-ids";
import { ClaimError } from "@/lib/wallet/claim-credential";
import { OfferError } from "@/lib/wallet/receive-credential-offer";
import { useWalletText } from "./wallet-text";

/** Which way the credential was coming: a Vitae claim link, or an OpenID4VCI offer. */
type ClaimFlow = "claim" | "receive";

const testIdByFlow: Record<ClaimFlow, string> = {
  claim: testIds.wallet.claimError,
  receive: testIds.wallet.receiveError,
};

function codedError(error: Error, flow: ClaimFlow): ClaimError | OfferError | undefined {
  if (flow === "claim") return error instanceof ClaimError ? error : undefined;
  return error instanceof OfferError ? error : undefined;
}

/**
 * Why a credential could not be added: the code's title and sentence in the doctor's language,
 * and a way back to the wallet when the error is final (trying again cannot help).
 */
export function ClaimErrorAlert({ error, flow }: { error: Error; flow: ClaimFlow }) {
  const { t } = useWalletText();
  const coded = codedError(error, flow);
  const texts = flow === "claim" ? t.claim : t.receive;
  return (
    <Alert
      tone="error"
      title={(coded && texts.errorTitles[coded.code]) ?? t.claim.failedTitle}
      data-testid={testIdByFlow[flow]}
    >
      {/* Not a coded error: the browser's storage failed, e.g. IndexedDB is off in this mode. */}
      <p>
        {coded ? (texts.errors[coded.code] ?? error.message) : t.claim.storageFailed(error.message)}
      </p>
      {coded?.final ? (
        <p className="mt-2">
          <Link href="/wallet" className="font-medium underline">
            {t.claim.goToWallet}
          </Link>
        </p>
      ) : null}
    </Alert>
  );
}
