"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RosterProgress } from "@/components/verification/roster/roster-progress";
import { RosterResults } from "@/components/verification/roster/roster-results";
import { RosterUpload } from "@/components/verification/roster/roster-upload";
import { useRosterRun } from "@/components/verification/roster/use-roster-run";
import { trustSnapshotQuery } from "@/components/verification/use-browser-verifier";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";

/**
 * The roster: a file of up to 10,000 credentials verified in a Web Worker in this browser, with
 * the trust registry read once from the chain for the whole run. Nothing is sent to Vitae.
 */
export function RosterPageClient({ ledgerConfig }: { ledgerConfig: PublicLedgerConfig }) {
  const trust = useQuery(trustSnapshotQuery(ledgerConfig));
  const { run, start, cancel } = useRosterRun(ledgerConfig);
  const running = run.phase === "reading" || run.phase === "verifying";

  return (
    <>
      <PageHeader
        title="Verify a roster"
        description="Check a whole staff list at once: every credential's issuer signature, validity, revocation status, ledger anchor and accreditation, verified in your browser. Export the results as CSV."
        actions={
          <Link
            href="/verify"
            className="text-brand-700 hover:bg-brand-50 inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-medium"
          >
            Verify one credential
          </Link>
        }
      />
      <div className="space-y-6">
        <Card className="space-y-4">
          <h2 className="text-base font-semibold text-slate-900">Roster file</h2>
          {trust.isPending ? (
            <p className="text-sm text-slate-700" role="status">
              Reading the trust registry from the ledger…
            </p>
          ) : trust.error ? (
            <Alert tone="error" title="The trust registry could not be read">
              <p>Without it no accreditation can be checked. Check the connection and try again.</p>
              <Button variant="secondary" className="mt-2" onClick={() => void trust.refetch()}>
                Try again
              </Button>
            </Alert>
          ) : trust.data.state === "unavailable" ? (
            <Alert tone="warning" title="The trust registry is unavailable">
              Rows can be verified, but no issuer&apos;s accreditation can be checked, so no row
              will be valid until the registry can be read.
            </Alert>
          ) : null}
          <RosterUpload
            disabled={running || !trust.data}
            onFile={(file) => trust.data && start(file, trust.data)}
          />
          {run.phase === "rejected" || run.phase === "failed" ? (
            <Alert
              tone="error"
              title={
                run.phase === "rejected"
                  ? "This file cannot be verified"
                  : "The verification stopped"
              }
              data-testid={testIds.roster.fileError}
            >
              <p>{run.error?.message}</p>
              {run.error?.code ? <p className="mt-1 font-mono text-xs">{run.error.code}</p> : null}
              {run.phase === "rejected" ? <p className="mt-1">Nothing was verified.</p> : null}
            </Alert>
          ) : null}
        </Card>

        {run.phase !== "idle" && run.phase !== "rejected" ? (
          <Card>
            <RosterProgress run={run} onCancel={cancel} />
          </Card>
        ) : null}

        {run.rows.length > 0 ? (
          <RosterResults rows={run.rows} fileName={run.fileName} />
        ) : run.phase === "reading" || run.phase === "verifying" ? (
          <div className="space-y-2" aria-hidden>
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="h-12 animate-pulse rounded-md bg-slate-200/70" />
            ))}
          </div>
        ) : run.phase === "idle" ? (
          <EmptyState title="No roster verified yet">
            Choose a CSV or JSON file above. Results appear here as they are checked, with a verdict
            and the reason for every row.
          </EmptyState>
        ) : null}
      </div>
    </>
  );
}
