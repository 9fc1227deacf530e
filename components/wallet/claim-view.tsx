"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { ClaimError, claimCredential, fetchClaimOffer } from "@/lib/wallet/claim-credential";
import { openWallet } from "@/lib/wallet/wallet-store";
import { ClaimOfferSummary } from "./claim-offer-summary";
import { ClaimSuccess } from "./claim-success";
import { UnlockForm } from "./unlock-form";
import { useWalletText } from "./wallet-text";

function ClaimErrorAlert({ error }: { error: Error }) {
  const { t } = useWalletText();
  const claimError = error instanceof ClaimError ? error : undefined;
  return (
    <Alert
      tone="error"
      title={(claimError && t.claim.errorTitles[claimError.code]) ?? t.claim.failedTitle}
      data-testid={testIds.wallet.claimError}
    >
      {/* Not a ClaimError: the browser's storage failed, e.g. IndexedDB is off in this mode. */}
      <p>
        {claimError
          ? (t.claim.errors[claimError.code] ?? error.message)
          : t.claim.storageFailed(error.message)}
      </p>
      {claimError?.final ? (
        <p className="mt-2">
          <Link href="/wallet" className="font-medium underline">
            {t.claim.goToWallet}
          </Link>
        </p>
      ) : null}
    </Alert>
  );
}

export function ClaimView({
  token,
  ledgerConfig,
}: {
  token: string;
  ledgerConfig: PublicLedgerConfig;
}) {
  const { t } = useWalletText();
  const queryClient = useQueryClient();
  const offer = useQuery({
    queryKey: queryKeys.wallet.claimOffer(token),
    queryFn: () => fetchClaimOffer(token),
    // Each fetch hands out a new nonce; once loaded, the offer is not refetched behind our back.
    staleTime: Infinity,
    retry: (failures, error) => !(error instanceof ClaimError && error.status) && failures < 1,
  });
  // Opening the wallet unlocks one without a passphrase; a locked one is unlocked before claiming.
  const vault = useQuery({ queryKey: queryKeys.wallet.vault(), queryFn: openWallet });
  const identity = vault.data?.identity;
  const claim = useMutation({
    mutationFn: () => claimCredential(token),
    onSuccess: (outcome) => {
      queryClient.setQueryData(queryKeys.wallet.identity(), outcome.identity);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.wallet.credentials() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.wallet.vault() }),
      ]);
    },
  });

  if (claim.isSuccess) return <ClaimSuccess outcome={claim.data} ledgerConfig={ledgerConfig} />;
  if (offer.isPending) {
    return (
      <p role="status" className="text-sm text-slate-600">
        {t.claim.loading}
      </p>
    );
  }
  if (offer.isError) return <ClaimErrorAlert error={offer.error} />;

  const finalError = claim.error instanceof ClaimError && claim.error.final;
  return (
    <div className="grid gap-4">
      <ClaimOfferSummary offer={offer.data.offer} />
      {vault.data?.locked ? <UnlockForm /> : null}
      {vault.error ? <ClaimErrorAlert error={vault.error} /> : null}
      {vault.data && identity === null ? (
        <Alert tone="info" title={t.claim.willCreateTitle}>
          {t.claim.willCreate}
        </Alert>
      ) : identity ? (
        <p className="text-sm break-words text-slate-600">
          {t.claim.willIssue(offer.data.offer.issuer.name)}
        </p>
      ) : null}
      {claim.error ? <ClaimErrorAlert error={claim.error} /> : null}
      {finalError || !vault.data || vault.data.locked ? null : (
        <div>
          <Button
            onClick={() => claim.mutate()}
            busy={claim.isPending}
            data-testid={testIds.wallet.claimAccept}
          >
            {t.claim.accept}
          </Button>
        </div>
      )}
    </div>
  );
}
