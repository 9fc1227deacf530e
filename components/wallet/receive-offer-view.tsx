"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
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
import { ClaimSuccess } from "./claim-success";
import { UnlockForm } from "./unlock-form";

/**
 * Receiving a credential from any OpenID4VCI issuer: paste (or arrive with `?offer=`), look the
 * offer up (issuer metadata only: nothing is spent), then accept, which runs the token, nonce
 * and credential requests with this browser's key and files the credential once it verifies.
 */

const errorTitles: Record<string, string> = {
  BAD_OFFER: "This is not a credential offer",
  GONE: "This offer can no longer be used",
  NOT_FOUND: "This offer is not valid",
  invalid_grant: "This offer can no longer be used",
  credential_request_denied: "The issuer refused to issue the credential",
  invalid_proof: "The issuer did not accept this wallet's key",
  NOT_VERIFIED: "The credential did not verify",
  WRONG_HOLDER: "The credential was made out to another wallet",
  UNSUPPORTED: "This wallet cannot receive this offer",
  NETWORK: "The issuer could not be reached",
  TX_CODE_REQUIRED: "Enter the transaction code",
};

function OfferErrorAlert({ error }: { error: Error }) {
  const offerError = error instanceof OfferError ? error : undefined;
  return (
    <Alert
      tone="error"
      title={(offerError && errorTitles[offerError.code]) ?? "The credential could not be added"}
      data-testid={testIds.wallet.receiveError}
    >
      <p>
        {offerError ? error.message : `This browser could not store the wallet: ${error.message}`}
      </p>
      {offerError?.final ? (
        <p className="mt-2">
          <Link href="/wallet" className="font-medium underline">
            Go to my wallet
          </Link>
        </p>
      ) : null}
    </Alert>
  );
}

function OfferSummary({ preview }: { preview: OfferPreview }) {
  return (
    <Card data-testid={testIds.wallet.receiveSummary} className="grid min-w-0 gap-2">
      <p className="text-sm text-slate-600">{preview.issuerName} offers you a credential:</p>
      <h2 className="text-xl font-semibold text-slate-900">{preview.credentialName}</h2>
      <dl className="grid gap-1 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-4">
        <dt className="text-slate-600">Issuer</dt>
        <dd className="min-w-0 font-mono text-xs break-all text-slate-800">
          {preview.offer.credential_issuer}
        </dd>
        <dt className="text-slate-600">Format</dt>
        <dd className="text-slate-800">
          {preview.configuration.format} (OpenID for Verifiable Credential Issuance)
        </dd>
      </dl>
      <p className="text-sm text-slate-600">
        Before the credential is stored, this wallet checks the issuer&apos;s signature and that it
        is made out to your key. Its status and the issuer&apos;s accreditation are shown on the
        card.
      </p>
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
            label="Credential offer"
            hint="The openid-credential-offer:// link your issuer gave you, or a link that carries one."
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
              Look up the offer
            </Button>
          </div>
        </form>
      </Card>

      {preview.isFetching ? (
        <p role="status" className="text-sm text-slate-600">
          Asking the issuer about this offer…
        </p>
      ) : null}
      {preview.isError ? <OfferErrorAlert error={preview.error} /> : null}
      {preview.data && !preview.isFetching ? (
        <>
          <OfferSummary preview={preview.data} />
          {preview.data.txCode ? (
            <TextField
              label="Transaction code"
              hint={
                preview.data.txCode.description ??
                "The issuer sent you this code separately, e.g. by e-mail or text message."
              }
              inputMode={preview.data.txCode.inputMode === "numeric" ? "numeric" : "text"}
              maxLength={preview.data.txCode.length ?? 64}
              autoComplete="one-time-code"
              value={txCode}
              onChange={(e) => setTxCode(e.target.value)}
              data-testid={testIds.wallet.receiveTxCode}
            />
          ) : null}
          {vault.data?.locked ? <UnlockForm /> : null}
          {vault.error ? <OfferErrorAlert error={vault.error} /> : null}
          {vault.data && identity === null ? (
            <Alert tone="info" title="This will create your wallet">
              There is no wallet in this browser yet. Accepting creates one: a private key made in
              this browser, which never leaves it. The credential is then issued to that key.
            </Alert>
          ) : null}
          {receive.error ? <OfferErrorAlert error={receive.error} /> : null}
          {finalError || !vault.data || vault.data.locked ? null : (
            <div>
              <Button
                onClick={() => receive.mutate(preview.data)}
                busy={receive.isPending || trustLoading}
                disabled={!verify || (Boolean(preview.data.txCode) && txCode.trim() === "")}
                data-testid={testIds.wallet.receiveAccept}
              >
                Accept and add to wallet
              </Button>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
