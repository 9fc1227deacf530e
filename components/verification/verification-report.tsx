"use client";

import { useId } from "react";
import type { PublicLedgerConfig } from "@/lib/env";
import { buildVerificationExport } from "./build-verification-export";
import { CheckList } from "./check-list";
import { CorrectionCallout } from "./correction-callout";
import { CredentialDetails } from "./credential-details";
import { FollowStatusForm } from "./follow-status-form";
import { summarizeCredential } from "./summarize-credential";
import { TechnicalDetails } from "./technical-details";
import { useAnchorTransaction } from "./use-anchor-transaction";
import type { Verification } from "./use-verification";
import { VerdictBanner } from "./verdict-banner";
import { VerificationRecord } from "./verification-record";
import { verdictOf, type Verdict } from "./verdict-of";

/** The full answer for one credential: verdict, what it says, every check, and the raw data. */
export function VerificationReport({
  jwt,
  verification: { result, checkedAt },
  ledgerConfig,
}: {
  /** The credential as given, shown even when it could not be decoded. */
  jwt: string;
  verification: Verification;
  /** The ledger this browser reads, to find the anchor's transaction for the receipt. */
  ledgerConfig?: PublicLedgerConfig | undefined;
}) {
  const checksHeadingId = useId();
  const verdict = verdictOf(result);
  const summary = result.credential
    ? summarizeCredential(result.credential, result.checks)
    : undefined;
  const signed = result.checks.some((c) => c.id === "signature" && c.ok === true);

  return (
    <div className="space-y-6">
      <VerdictBanner
        verdict={verdict}
        reason={reasonFor(verdict, result.checks)}
        checkedAt={checkedAt}
      />
      {signed && result.credential ? (
        <CorrectionCallout
          credential={result.credential}
          revoked={verdict === "revoked"}
          previous={result.credential.vc.previous}
        />
      ) : null}
      {summary ? (
        <CredentialDetails summary={summary} signed={signed} />
      ) : (
        <p className="text-sm text-slate-700">
          The credential could not be read, so there are no details to show.
        </p>
      )}
      <section aria-labelledby={checksHeadingId} className="space-y-2">
        <h3 id={checksHeadingId} className="text-lg font-semibold text-slate-900">
          Checks
        </h3>
        <CheckList checks={result.checks} />
      </section>
      {ledgerConfig ? (
        <RecordWithAnchor
          jwt={jwt}
          verification={{ result, checkedAt }}
          ledgerConfig={ledgerConfig}
        />
      ) : (
        <VerificationRecord exported={buildVerificationExport({ jwt, result, checkedAt })} />
      )}
      {signed && result.credential?.vc.credentialStatus ? (
        <FollowStatusForm jwt={result.credential.jwt} />
      ) : null}
      <TechnicalDetails
        jwt={result.credential?.jwt ?? jwt}
        issuerDid={summary?.issuerDid}
        holderDid={summary?.holderDid}
        credentialId={summary?.credentialId}
      />
    </div>
  );
}

/** The record, with the transaction that anchored the matched list version once it is read. */
function RecordWithAnchor({
  jwt,
  verification: { result, checkedAt },
  ledgerConfig,
}: {
  jwt: string;
  verification: Verification;
  ledgerConfig: PublicLedgerConfig;
}) {
  const anchor = result.checks.find((c) => c.id === "anchor");
  const { data: anchorTransaction } = useAnchorTransaction(
    anchor?.ok === true ? ledgerConfig : undefined,
    typeof anchor?.details?.listUrl === "string" ? anchor.details.listUrl : undefined,
    typeof anchor?.details?.version === "number" ? anchor.details.version : undefined,
  );
  return (
    <VerificationRecord
      exported={buildVerificationExport({ jwt, result, checkedAt, anchorTransaction })}
    />
  );
}

/** The check behind the verdict, in the core's words; a valid credential needs no reason. */
function reasonFor(verdict: Verdict, checks: Verification["result"]["checks"]) {
  switch (verdict) {
    case "valid":
      return undefined;
    case "revoked":
    case "suspended":
      return checks.find((c) => c.id === "status")?.message;
    case "invalid":
      return checks.find((c) => c.ok === false)?.message;
    case "unknown":
      return checks.find((c) => c.ok === null)?.message;
  }
}
