"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { ClaimError, claimCredential, fetchClaimOffer } from "@/lib/wallet/claim-credential";
import { openWallet } from "@/lib/wallet/wallet-store";
import { ClaimErrorAlert } from "./claim-error-alert";
import { ClaimOfferSummary } from "./claim-offer-summary";
import { ClaimSuccess } from "./claim-success";
import { UnlockForm } from "./unlock-form";
import { useWalletText } from "./wallet-text";

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
  if (offer.isError) return <ClaimErrorAlert error={offer.error} flow="claim" />;

  const finalError = claim.error instanceof ClaimError && claim.error.final;
  return (
    <div className="grid gap-4">
      <ClaimOfferSummary offer={offer.data.offer} />
      {vault.data?.locked ? <UnlockForm /> : null}
      {vault.error ? <ClaimErrorAlert error={vault.error} flow="claim" /> : null}
      {vault.data && identity === null ? (
        <Alert tone="info" title={t.claim.willCreateTitle}>
          {t.claim.willCreate}
        </Alert>
      ) : identity ? (
        <p className="text-sm break-words text-slate-600">
          {t.claim.willIssue(offer.data.offer.issuer.name)}
        </p>
      ) : null}
      {claim.error ? <ClaimErrorAlert error={claim.error} flow="claim" /> : null}
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
