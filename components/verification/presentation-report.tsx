"use client";

import { useId } from "react";
import type { PresentationCheck } from "@/lib/credentials/verification";
import type { PresentationVerificationResult } from "@/lib/credentials/verify-presentation";
import { testIds } from "@/lib/test-ids";
import { CheckList } from "./check-list";
import { summarizeCredential } from "./summarize-credential";
import { VerdictBanner } from "./verdict-banner";
import { verdictOf, type Verdict } from "./verdict-of";
import { VerificationReport } from "./verification-report";
import type { PublicLedgerConfig } from "@/lib/env";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * The answer for a presentation (a dossier): one verdict for the whole, then who presented it
 * and the presentation's own checks, then every credential's full report — the same report a
 * single credential gets on /verify.
 */
export function PresentationReport({
  result,
  checkedAt,
  presentationJwt,
  ledgerConfig,
}: {
  result: PresentationVerificationResult;
  checkedAt: Date;
  presentationJwt: string;
  /** Lets each credential's record find its anchoring transaction on the chain. */
  ledgerConfig?: PublicLedgerConfig | undefined;
}) {
  const holderHeadingId = useId();
  const credentialsHeadingId = useId();
  const verdict = presentationVerdict(result);
  const holderName = result.credentials
    .map((r) => (r.credential ? summarizeCredential(r.credential, r.checks).holderName : undefined))
    .find(Boolean);
  const p = result.presentation;

  return (
    <div className="space-y-8" data-testid={testIds.dossier.report} data-verdict={verdict}>
      <VerdictBanner
        verdict={verdict}
        reason={reasonFor(verdict, result.checks, result.credentials.length)}
        checkedAt={checkedAt}
      />

      <section
        aria-labelledby={holderHeadingId}
        className="space-y-3"
        data-testid={testIds.dossier.holder}
      >
        <h3 id={holderHeadingId} className="text-lg font-semibold text-slate-900">
          Presented by {holderName ?? "the holder"}
        </h3>
        <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
          <dt className="font-medium text-slate-600">Holder</dt>
          <dd className="font-mono text-xs break-all text-slate-900">{p?.holder ?? "—"}</dd>
          <dt className="font-medium text-slate-600">Signed</dt>
          <dd className="text-slate-900">{p?.issuedAt ? dateFormat.format(p.issuedAt) : "—"}</dd>
          <dt className="font-medium text-slate-600">Valid until</dt>
          <dd className="text-slate-900">
            {p?.validUntil ? dateFormat.format(p.validUntil) : "—"}
          </dd>
          <dt className="font-medium text-slate-600">Credentials</dt>
          <dd className="text-slate-900">{p?.credentials.length ?? 0}</dd>
        </dl>
        <CheckList checks={result.checks} />
      </section>

      {result.credentials.length > 0 ? (
        <section aria-labelledby={credentialsHeadingId} className="space-y-6">
          <h3 id={credentialsHeadingId} className="text-lg font-semibold text-slate-900">
            The credentials
          </h3>
          <ol className="space-y-8">
            {result.credentials.map((credential, i) => {
              const jwt = p?.credentials[i] ?? "";
              const title = credential.credential
                ? summarizeCredential(credential.credential, credential.checks).title
                : "Unreadable credential";
              return (
                <li
                  key={i}
                  className="space-y-3 border-t border-slate-200 pt-6"
                  data-testid={testIds.dossier.credential}
                  data-verdict={verdictOf(credential)}
                >
                  <h4 className="text-base font-semibold text-slate-900">
                    {i + 1} of {result.credentials.length}: {title}
                  </h4>
                  <VerificationReport
                    jwt={jwt}
                    verification={{ result: credential, checkedAt }}
                    ledgerConfig={ledgerConfig}
                  />
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <summary className="cursor-pointer font-medium text-slate-800">
          The presentation as received (JWT)
        </summary>
        <p className="mt-2 font-mono text-xs break-all text-slate-700">{presentationJwt}</p>
      </details>
    </div>
  );
}

/**
 * Valid only when the core says the whole presentation verified; any failed check (the holder's
 * own or a credential's) makes it not valid; otherwise it cannot be treated as valid yet.
 */
export function presentationVerdict(result: PresentationVerificationResult): Verdict {
  if (result.verified && result.checks.every((c) => c.ok === true)) return "valid";
  return result.checks.some((c) => c.ok === false) ? "invalid" : "unknown";
}

function reasonFor(verdict: Verdict, checks: PresentationCheck[], count: number) {
  if (verdict === "valid") {
    return count === 1
      ? "The holder signed this presentation, and the credential in it is valid."
      : `The holder signed this presentation, and all ${count} credentials in it are valid.`;
  }
  const failing = checks.find((c) => (verdict === "invalid" ? c.ok === false : c.ok !== true));
  return failing?.message;
}
