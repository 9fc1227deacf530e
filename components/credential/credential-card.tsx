"use client";

import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { CredentialQrDialog } from "@/components/wallet/credential-qr-dialog";
import { testIds } from "@/lib/test-ids";
import {
  credentialStatus,
  type CredentialStatus,
  type VerificationState,
} from "@/lib/wallet/credential-status";
import { describeCredential } from "@/lib/wallet/describe-credential";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { ConditionsCallout } from "./conditions-callout";
import { CredentialStatusBadge } from "./credential-status-badge";
import { SubjectFieldList } from "./subject-field-list";

const formatDate = (date: Date) => date.toLocaleDateString(undefined, { dateStyle: "medium" });

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
}) {
  const described = useMemo(() => describeCredential(credential.jwt), [credential.jwt]);
  const [qrOpen, setQrOpen] = useState(false);
  const status = givenStatus ?? (verification ? credentialStatus(verification) : undefined);
  const fields = [
    ...described.fields,
    ...(described.issuedAt
      ? [{ key: "issued", label: "Issued", value: formatDate(described.issuedAt) }]
      : []),
    ...(described.validUntil
      ? [{ key: "validUntil", label: "Valid until", value: formatDate(described.validUntil) }]
      : []),
  ];

  return (
    <Card data-testid={testIds.wallet.credentialCard} className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
        <div className="flex min-w-0 items-start gap-3">
          {select}
          <div className="min-w-0">
            <h3 className="text-lg font-semibold text-slate-900">{described.title}</h3>
            <p className="text-sm break-words text-slate-600">Issued by {credential.issuerName}</p>
          </div>
        </div>
        {status ? <CredentialStatusBadge status={status} /> : null}
      </div>
      {status?.reason ? <p className="-mt-2 text-xs text-slate-600">{status.reason}</p> : null}
      {statusNote ? <p className="-mt-2 text-xs text-slate-600">{statusNote}</p> : null}
      {notes}
      <ConditionsCallout
        conditions={described.conditions}
        unreadable={described.conditionsUnreadable}
      />
      <SubjectFieldList fields={fields} />
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-haspopup="dialog"
          onClick={() => setQrOpen(true)}
          data-testid={testIds.wallet.showQr}
        >
          Show QR
        </Button>
        {detailHref ? (
          <Link
            href={detailHref}
            data-testid={testIds.wallet.detailLink}
            className="text-brand-700 hover:bg-brand-50 focus-visible:outline-brand-600 inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium focus-visible:outline-2"
          >
            Details
            <span className="sr-only"> of {described.title.toLowerCase()}</span>
          </Link>
        ) : null}
      </div>
      <details className="group">
        <summary className="text-brand-700 cursor-pointer text-sm font-medium hover:underline">
          Show raw credential
        </summary>
        <div className="mt-2 grid gap-2">
          <pre
            tabIndex={0}
            aria-label="Raw credential (JWT)"
            data-testid={testIds.wallet.rawCredential}
            className="max-h-48 overflow-y-auto rounded-md bg-slate-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-100"
          >
            {credential.jwt}
          </pre>
          <div>
            <CopyButton value={credential.jwt} label="raw credential" />
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
