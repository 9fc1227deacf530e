"use client";

import { useQuery } from "@tanstack/react-query";
import { toDataURL } from "qrcode";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/field";
import { CopyButton } from "@/components/ui/copy-button";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import type { IssuedCredential } from "./issuer-api";

/**
 * What the issuer hands to the doctor after issuing: the one-time claim link as text, QR code and
 * a ready e-mail. The link is a bearer secret, so it is shown only here, never stored by the
 * console, and the QR code is dropped from the query cache as soon as the panel closes.
 */

const expiryFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeStyle: "short" });

function emailText(
  holderName: string,
  issuerName: string,
  claimUrl: string,
  expires: string,
  title: string,
) {
  // Names are often entered with their title; "Dear Dr Dr …" reads badly.
  const name = holderName.replace(/^dr\.?\s+/i, "");
  return [
    `Dear Dr ${name},`,
    "",
    `your ${title.toLowerCase()} credential is ready. Open this link on the phone or computer where you keep your Vitae wallet to add it:`,
    "",
    claimUrl,
    "",
    `The link works once and expires on ${expires}. If it has expired, or was opened by someone else, reply to this e-mail and we will issue a new one.`,
    "",
    "Kind regards,",
    issuerName,
  ].join("\n");
}

export function IssueResult({
  credential,
  holderName,
  issuerName,
  title = "Medical licence",
  onDismiss,
}: {
  credential: IssuedCredential;
  holderName: string;
  issuerName: string;
  /** The credential's readable type, e.g. "Medical licence". */
  title?: string;
  onDismiss: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { claimUrl } = credential;
  const expires = expiryFormat.format(new Date(credential.claimExpiresAt));
  const email = emailText(holderName, issuerName, claimUrl, expires, title);
  const qr = useQuery({
    queryKey: queryKeys.issuerClaimQr(claimUrl),
    // Level M: the code may be printed or shown on a second screen, where L is fragile.
    queryFn: () => toDataURL(claimUrl, { errorCorrectionLevel: "M", margin: 4, width: 320 }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

  // The panel appears away from the submit button; take screen-reader and keyboard users there.
  useEffect(() => headingRef.current?.focus(), [credential.id]);

  return (
    <Card data-testid={testIds.issuer.issueResult} className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900">
          {title} issued for {holderName}
        </h2>
        <Button variant="secondary" onClick={onDismiss}>
          Done
        </Button>
      </div>

      <div>
        <p className="text-sm font-medium text-slate-800">Claim link</p>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <code
            data-testid={testIds.issuer.claimLink}
            className="block min-w-0 flex-1 rounded-md bg-slate-100 px-3 py-2 font-mono text-xs break-all text-slate-900"
          >
            {claimUrl}
          </code>
          <CopyButton value={claimUrl} label="claim link" />
        </div>
        <p className="mt-1 text-xs text-slate-600">
          Expires <time dateTime={credential.claimExpiresAt}>{expires}</time>.
        </p>
      </div>

      <Alert tone="warning" title="The link works once">
        The first wallet to open it receives the credential. Send it only to {holderName}, and do
        not open it yourself.
      </Alert>

      <div className="flex justify-center">
        {qr.isPending ? (
          <p role="status" className="py-12 text-sm text-slate-600">
            Drawing the QR code…
          </p>
        ) : qr.isError ? (
          <Alert tone="error" title="No QR code">
            {qr.error.message} The link above still works.
          </Alert>
        ) : (
          // A data: URL drawn in the browser: next/image has nothing to optimise.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={qr.data}
            width={240}
            height={240}
            alt={`QR code of the claim link for ${holderName}`}
            data-testid={testIds.issuer.claimQr}
            className="h-auto w-full max-w-60 [image-rendering:pixelated]"
          />
        )}
      </div>

      {credential.credentialOfferUri ? (
        <CredentialOfferDetails offerUri={credential.credentialOfferUri} />
      ) : null}

      <div className="grid gap-2">
        <TextAreaField
          label="E-mail to the doctor"
          readOnly
          rows={11}
          value={email}
          data-testid={testIds.issuer.claimEmail}
        />
        <div>
          <CopyButton value={email} label="e-mail" />
        </div>
      </div>
    </Card>
  );
}

/**
 * The same one-time claim as an OpenID4VCI credential offer, for doctors whose wallet is another
 * standard wallet. Whichever is used first, link or offer, spends the claim.
 */
function CredentialOfferDetails({ offerUri }: { offerUri: string }) {
  const [open, setOpen] = useState(false);
  const qr = useQuery({
    queryKey: queryKeys.issuerClaimQr(offerUri),
    queryFn: () => toDataURL(offerUri, { errorCorrectionLevel: "M", margin: 4, width: 320 }),
    enabled: open,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  return (
    <details
      className="rounded-md border border-slate-200 px-3 py-2"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="cursor-pointer text-sm font-medium text-slate-800">
        For other wallets (OpenID4VCI credential offer)
      </summary>
      <div className="mt-2 grid gap-2">
        <p className="text-xs text-slate-600">
          The same one-time claim for wallets that support OpenID for Verifiable Credential
          Issuance. Use either this or the claim link: the first one used spends both.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code
            data-testid={testIds.issuer.credentialOffer}
            className="block min-w-0 flex-1 rounded-md bg-slate-100 px-3 py-2 font-mono text-xs break-all text-slate-900"
          >
            {offerUri}
          </code>
          <CopyButton value={offerUri} label="credential offer" />
        </div>
        {qr.data ? (
          <div className="flex justify-center">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={qr.data}
              width={240}
              height={240}
              alt="QR code of the credential offer"
              className="h-auto w-full max-w-60 [image-rendering:pixelated]"
            />
          </div>
        ) : null}
      </div>
    </details>
  );
}
