"use client";

import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton, type CopyText } from "@/components/ui/copy-button";
import { CredentialQrDialog } from "@/components/wallet/credential-qr-dialog";
import { testIds } from "@/lib/test-ids";
import {
  credentialStatus,
  type CredentialStatus,
  type VerificationState,
} from "@/lib/wallet/credential-status";
import { describeCredential } from "@/lib/wallet/describe-credential";
import type { StoredCredential } from "@/lib/wallet/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { ConditionsCallout, type ConditionsLabels } from "./conditions-callout";
import { CredentialStatusBadge } from "./credential-status-badge";
import { SubjectFieldList } from "./subject-field-list";

/** The card's words; the wallet passes the doctor's language, everyone else gets English. */
export type CredentialCardLabels = {
  issuedBy: (issuer: string) => string;
  showQr: string;
  details: string;
  /** Completes "Details" for screen readers. */
  detailsOf: (title: string) => string;
  showRaw: string;
  rawLabel: string;
  copyRaw: string;
  issued: string;
  validUntil: string;
  conditions?: ConditionsLabels;
  copy?: CopyText;
};

const englishLabels: CredentialCardLabels = {
  issuedBy: (issuer) => `Issued by ${issuer}`,
  showQr: "Show QR",
  details: "Details",
  detailsOf: (title) => ` of ${title.toLowerCase()}`,
  showRaw: "Show raw credential",
  rawLabel: "Raw credential (JWT)",
  copyRaw: "raw credential",
  issued: "Issued",
  validUntil: "Valid until",
};

/**
 * One credential as its holder sees it. The fields are read from the JWT for display only; the
 * badge comes from `verification`, i.e. from the same checks a verifier runs. Without a
 * verification state there is no badge at all, rather than a guess.
 */
export function CredentialCard({
  credential,
  verification,
  status: givenStatus,
  statusNote,
  notes,
  detailHref,
  select,
  labels = englishLabels,
  locale,
  statusLabel,
  statusReason,
}: {
  credential: StoredCredential;
  verification?: VerificationState;
  /** A status worked out by the caller (superseded, cached offline), instead of `verification`'s. */
  status?: CredentialStatus;
  /** e.g. "Status checked 3 h ago — offline". */
  statusNote?: ReactNode;
  /** Correction chain notes and the like, under the status. */
  notes?: ReactNode;
  /** The credential's detail view. */
  detailHref?: string;
  /** A selection control (e.g. for export), shown beside the title. */
  select?: ReactNode;
  /** The card's words in the doctor's language (the wallet's); English by default. */
  labels?: CredentialCardLabels;
  /** Titles, field labels and dates in this language; English labels, browser dates by default. */
  locale?: Locale;
  /** The status badge's and its reason's words in `locale`; the English status by default. */
  statusLabel?: string;
  statusReason?: string;
}) {
  const described = useMemo(
    () => describeCredential(credential.jwt, locale),
    [credential.jwt, locale],
  );
  const formatDate = (date: Date) => date.toLocaleDateString(locale, { dateStyle: "medium" });
  const [qrOpen, setQrOpen] = useState(false);
  const status = givenStatus ?? (verification ? credentialStatus(verification) : undefined);
  const fields = [
    ...described.fields,
    ...(described.issuedAt
      ? [{ key: "issued", label: labels.issued, value: formatDate(described.issuedAt) }]
      : []),
    ...(described.validUntil
      ? [
          {
            key: "validUntil",
            label: labels.validUntil,
            value: formatDate(described.validUntil),
          },
        ]
      : []),
  ];

  return (
    <Card data-testid={testIds.wallet.credentialCard} className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
        <div className="flex min-w-0 items-start gap-3">
          {select}
          <div className="min-w-0">
            <h3 className="text-lg font-semibold text-slate-900">{described.title}</h3>
            <p className="text-sm break-words text-slate-600">
              {labels.issuedBy(credential.issuerName)}
            </p>
          </div>
        </div>
        {status ? <CredentialStatusBadge status={status} label={statusLabel} /> : null}
      </div>
      {status?.reason ? (
        <p className="-mt-2 text-xs text-slate-600">{statusReason ?? status.reason}</p>
      ) : null}
      {statusNote ? <p className="-mt-2 text-xs text-slate-600">{statusNote}</p> : null}
      {notes}
      <ConditionsCallout
        conditions={described.conditions}
        unreadable={described.conditionsUnreadable}
        labels={labels.conditions}
      />
      <SubjectFieldList fields={fields} />
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-haspopup="dialog"
          onClick={() => setQrOpen(true)}
          data-testid={testIds.wallet.showQr}
        >
          {labels.showQr}
        </Button>
        {detailHref ? (
          <Link
            href={detailHref}
            data-testid={testIds.wallet.detailLink}
            className="text-brand-700 hover:bg-brand-50 focus-visible:outline-brand-600 inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium focus-visible:outline-2"
          >
            {labels.details}
            <span className="sr-only">{labels.detailsOf(described.title)}</span>
          </Link>
        ) : null}
      </div>
      <details className="group">
        <summary className="text-brand-700 cursor-pointer text-sm font-medium hover:underline">
          {labels.showRaw}
        </summary>
        <div className="mt-2 grid gap-2">
          <pre
            tabIndex={0}
            aria-label={labels.rawLabel}
            data-testid={testIds.wallet.rawCredential}
            className="max-h-48 overflow-y-auto rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
          >
            {credential.jwt}
          </pre>
          <div>
            <CopyButton value={credential.jwt} label={labels.copyRaw} text={labels.copy} />
          </div>
        </div>
      </details>
      {qrOpen ? (
        <CredentialQrDialog
          jwt={credential.jwt}
          title={described.title}
          issuerName={credential.issuerName}
          onClose={() => setQrOpen(false)}
        />
      ) : null}
    </Card>
  );
}
