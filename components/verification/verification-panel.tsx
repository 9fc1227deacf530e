"use client";

import { useEffect, useId, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";
import type { Verification } from "./use-verification";
import { VerdictBanner, verdictHeading } from "./verdict-banner";
import { verdictOf } from "./verdict-of";
import { VerificationReport } from "./verification-report";

type PanelProps = {
  /** The credential last given, or null before the first one. */
  jwt: string | null;
  verification: Verification | undefined;
  /** A verification that threw (the core should not; shown as "Cannot be checked"). */
  error: Error | null;
  checking: boolean;
  trustError: Error | null;
  trustLoading: boolean;
  onRecheck: () => void;
  /** For the receipt's anchor transaction; the report works without it. */
  ledgerConfig?: PublicLedgerConfig | undefined;
};

/**
 * The result column. Its heading and "Check again" stay put while the body changes, so keyboard
 * focus survives a recheck, and a persistent live region announces progress and the verdict (a
 * region inserted along with its text is not reliably read out).
 */
export function VerificationPanel(props: PanelProps) {
  const { jwt, trustError, onRecheck, checking, verification } = props;
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  // On a phone the result sits below the inputs: bring a new result into view, so the verifier
  // who just scanned sees the verdict without hunting for it.
  const checkedAt = verification?.checkedAt;
  useEffect(() => {
    const section = sectionRef.current;
    if (!checkedAt || !section) return;
    if (section.getBoundingClientRect().top > window.innerHeight * 0.6) {
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      section.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
    }
  }, [checkedAt]);
  return (
    <section ref={sectionRef} aria-labelledby={headingId} className="min-w-0 scroll-mt-4">
      <div className="mb-3 flex min-h-10 flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          <span className="print:hidden">Result</span>
          <span className="hidden print:inline">Verification receipt</span>
        </h2>
        {jwt !== null ? (
          <Button
            className="no-print"
            variant="secondary"
            data-testid={testIds.verifier.recheck}
            aria-busy={checking || undefined}
            onClick={onRecheck}
          >
            Check again
          </Button>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement(props)}
      </p>
      <div aria-busy={checking}>
        {jwt === null ? (
          trustError ? (
            <Alert tone="error" title="Credentials cannot be checked right now">
              The list of accredited issuers could not be loaded. {trustError.message} Try reloading
              the page.
            </Alert>
          ) : (
            <EmptyState title="No credential checked yet">
              Upload an image of the doctor&apos;s QR code or paste their credential. The result
              appears here.
            </EmptyState>
          )
        ) : (
          <PanelBody {...props} jwt={jwt} />
        )}
      </div>
    </section>
  );
}

function PanelBody({
  jwt,
  verification,
  error,
  checking,
  trustError,
  trustLoading,
  ledgerConfig,
}: PanelProps & { jwt: string }) {
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
      <div className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-5">
        <span
          aria-hidden
          className="border-brand-600 size-5 animate-spin rounded-full border-2 border-t-transparent"
        />
        <div>
          <p className="font-medium text-slate-900">Verifying…</p>
          <p className="text-sm text-slate-600">
            {trustLoading
              ? "Reading the trust registry from the ledger."
              : "Checking the signature, status list, ledger anchor and issuer."}
          </p>
        </div>
      </div>
    );
  }
  if (error) {
    return (
      <VerdictBanner
        verdict="unknown"
        reason={`Verification stopped unexpectedly: ${error.message}`}
      />
    );
  }
  if (verification) {
    return <VerificationReport jwt={jwt} verification={verification} ledgerConfig={ledgerConfig} />;
  }
  return null;
}

function announcement({ jwt, verification, error, checking, trustError }: PanelProps): string {
  if (jwt === null) return "";
  if (trustError || (error && !checking)) return `Result: ${verdictHeading("unknown")}.`;
  if (checking) return "Verifying…";
  return verification ? `Result: ${verdictHeading(verdictOf(verification.result))}.` : "";
}
