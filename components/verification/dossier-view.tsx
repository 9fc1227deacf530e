"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import { DossierUnavailable } from "./dossier-unavailable";
import { PresentationReport, presentationVerdict } from "./presentation-report";
import { useDossier, type DossierSource } from "./use-dossier";
import { VerdictBanner, verdictHeading } from "./verdict-banner";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * A dossier from a link (or a pasted presentation), opened and verified in this browser: the
 * loading, refused and error states, then the presentation report with "Check again".
 */
export function DossierView({
  source,
  ledgerConfig,
}: {
  source: DossierSource;
  ledgerConfig: PublicLedgerConfig;
}) {
  const headingId = useId();
  const d = useDossier(source, ledgerConfig);
  const opened = d.opened?.kind === "opened" ? d.opened : null;
  const announcement = d.opening
    ? "Opening the dossier…"
    : d.checking
      ? "Verifying…"
      : d.verification
        ? `Result: ${verdictHeading(presentationVerdict(d.verification.result))}.`
        : "";

  return (
    <section aria-labelledby={headingId} className="min-w-0 space-y-4">
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          Result
        </h2>
        {opened ? (
          <Button
            variant="secondary"
            data-testid={testIds.verifier.recheck}
            aria-busy={d.checking || undefined}
            onClick={d.recheck}
          >
            Check again
          </Button>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {opened && source.kind === "link" ? (
        <p className="text-sm text-slate-600">
          Opened {opened.views} of {opened.maxViews} times allowed · link valid until{" "}
          {dateFormat.format(new Date(opened.expiresAt))}. The dossier was decrypted in this
          browser; the server only ever held it encrypted.
        </p>
      ) : null}
      <div aria-busy={d.opening || d.checking}>
        <Body {...d} source={source} ledgerConfig={ledgerConfig} />
      </div>
    </section>
  );
}

function Body({
  source,
  opened,
  openError,
  opening,
  verification,
  verifyError,
  checking,
  trustError,
  ledgerConfig,
}: ReturnType<typeof useDossier> & { source: DossierSource; ledgerConfig: PublicLedgerConfig }) {
  if (opening) return <Progress text="Fetching the encrypted dossier and opening it." />;
  if (openError || !opened) {
    return (
      <Alert tone="error" title="The dossier could not be opened">
        {openError?.message ?? "Try again."}
      </Alert>
    );
  }
  if (opened.kind !== "opened") return <DossierUnavailable outcome={opened} />;
  if (trustError) {
    return (
      <VerdictBanner
        verdict="unknown"
        reason={`The list of accredited issuers could not be loaded. ${trustError.message}`}
      />
    );
  }
  if (checking) {
    return (
      <Progress text="Checking the holder's signature and every credential's signature, status, ledger anchor and issuer." />
    );
  }
  if (verifyError) {
    return (
      <VerdictBanner
        verdict="unknown"
        reason={`Verification stopped unexpectedly: ${verifyError.message}`}
      />
    );
  }
  if (!verification) return null;
  return (
    <PresentationReport
      result={verification.result}
      checkedAt={verification.checkedAt}
      presentationJwt={source.kind === "jwt" ? source.jwt : opened.presentation}
      ledgerConfig={ledgerConfig}
    />
  );
}

function Progress({ text }: { text: string }) {
  return (
    <div className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <span
        aria-hidden
        className="border-brand-600 size-5 animate-spin rounded-full border-2 border-t-transparent"
      />
      <div>
        <p className="font-medium text-slate-900">Verifying…</p>
        <p className="text-sm text-slate-600">{text}</p>
      </div>
    </div>
  );
}
