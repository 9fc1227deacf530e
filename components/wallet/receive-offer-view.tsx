"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useBrowserVerifier } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import {
  defaultReceiveDeps,
  OfferError,
  previewCredentialOffer,
  receiveCredentialOffer,
  type OfferPreview,
} from "@/lib/wallet/receive-credential-offer";
import { openWallet } from "@/lib/wallet/wallet-store";
import { ClaimErrorAlert } from "./claim-error-alert";
import { ClaimSuccess } from "./claim-success";
import { UnlockForm } from "./unlock-form";
import { useWalletText } from "./wallet-text";

/**
 * Receiving a credential from any OpenID4VCI issuer: paste (or arrive with `?offer=`), look the
 * offer up (issuer metadata only: nothing is spent), then accept, which runs the token, nonce
 * and credential requests with this browser's key and files the credential once it verifies.
 */

function OfferSummary({ preview }: { preview: OfferPreview }) {
  const { t } = useWalletText();
  return (
    <Card data-testid={testIds.wallet.receiveSummary} className="grid min-w-0 gap-2">
      <p className="text-sm break-words text-slate-600">{t.receive.offers(preview.issuerName)}</p>
      <h2 className="text-xl font-semibold break-words text-slate-900">{preview.credentialName}</h2>
      <dl className="grid gap-1 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-4">
        <dt className="text-slate-600">{t.receive.issuer}</dt>
        <dd className="min-w-0 font-mono text-xs break-all text-slate-800">
          {preview.offer.credential_issuer}
        </dd>
        <dt className="text-slate-600">{t.receive.format}</dt>
        <dd className="min-w-0 break-words text-slate-800">
          {t.receive.formatName(preview.configuration.format)}
        </dd>
      </dl>
      <p className="text-sm text-slate-600">{t.receive.checksNote}</p>
    </Card>
  );
}

export function ReceiveOfferView({
  initialOffer,
  ledgerConfig,
}: {
  initialOffer: string;
  ledgerConfig: PublicLedgerConfig;
}) {
  const { t } = useWalletText();
  const queryClient = useQueryClient();
  const [text, setText] = useState(initialOffer);
  const [submitted, setSubmitted] = useState(initialOffer.trim());
  const [txCode, setTxCode] = useState("");
  const preview = useQuery({
    queryKey: queryKeys.wallet.credentialOffer(submitted),
    queryFn: () => previewCredentialOffer(submitted),
    enabled: submitted.length > 0,
    staleTime: Infinity,
    retry: false,
  });
  const vault = useQuery({ queryKey: queryKeys.wallet.vault(), queryFn: openWallet });
  const { verify, trustLoading } = useBrowserVerifier(ledgerConfig);
  const receive = useMutation({
    mutationFn: (p: OfferPreview) =>
      receiveCredentialOffer(p, defaultReceiveDeps(verify!), txCode.trim() || undefined),
    onSuccess: (outcome) => {
      queryClient.setQueryData(queryKeys.wallet.identity(), outcome.identity);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.wallet.credentials() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.wallet.vault() }),
      ]);
    },
  });

  if (receive.isSuccess) {
    return <ClaimSuccess outcome={receive.data} ledgerConfig={ledgerConfig} />;
  }

  const onLookUp = (e: FormEvent) => {
    e.preventDefault();
    receive.reset();
    setSubmitted(text.trim());
  };
  const identity = vault.data?.identity;
  const finalError = receive.error instanceof OfferError && receive.error.final;

  return (
    <div className="grid gap-4">
      <Card>
        <form onSubmit={onLookUp} className="grid gap-3">
          <TextAreaField
            label={t.receive.offer}
            hint={t.receive.offerHint}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid={testIds.wallet.receiveOfferInput}
          />
          <div>
            <Button
              type="submit"
              variant="secondary"
              disabled={text.trim().length === 0}
              busy={preview.isFetching}
              data-testid={testIds.wallet.receiveLookup}
            >
              {t.receive.lookUp}
            </Button>
          </div>
        </form>
      </Card>

      {preview.isFetching ? (
        <p role="status" className="text-sm text-slate-600">
          {t.receive.asking}
        </p>
      ) : null}
      {preview.isError ? <ClaimErrorAlert error={preview.error} flow="receive" /> : null}
      {preview.data && !preview.isFetching ? (
        <>
          <OfferSummary preview={preview.data} />
          {preview.data.txCode ? (
            <TextField
              label={t.receive.txCode}
              hint={preview.data.txCode.description ?? t.receive.txCodeHint}
              inputMode={preview.data.txCode.inputMode === "numeric" ? "numeric" : "text"}
              maxLength={preview.data.txCode.length ?? 64}
              autoComplete="one-time-code"
              value={txCode}
              onChange={(e) => setTxCode(e.target.value)}
              data-testid={testIds.wallet.receiveTxCode}
            />
          ) : null}
          {vault.data?.locked ? <UnlockForm /> : null}
          {vault.error ? <ClaimErrorAlert error={vault.error} flow="receive" /> : null}
          {vault.data && identity === null ? (
            <Alert tone="info" title={t.claim.willCreateTitle}>
              {t.claim.willCreate}
            </Alert>
          ) : null}
          {receive.error ? <ClaimErrorAlert error={receive.error} flow="receive" /> : null}
          {finalError || !vault.data || vault.data.locked ? null : (
            <div>
              <Button
                onClick={() => receive.mutate(preview.data)}
                busy={receive.isPending || trustLoading}
                disabled={!verify || (Boolean(preview.data.txCode) && txCode.trim() === "")}
                data-testid={testIds.wallet.receiveAccept}
              >
                {t.claim.accept}
              </Button>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
