"use client";

import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PresentRequestView } from "@/components/wallet/present-request-view";
import type { PublicLedgerConfig } from "@/lib/env";
import { testIds } from "@/lib/test-ids";

const REQUEST_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function PresentPageClient({
  requestId,
  ledgerConfig,
}: {
  requestId: string | null;
  ledgerConfig: PublicLedgerConfig;
}) {
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader
        title="Answer a request"
        description="Someone asks you to prove something with your credentials. You decide what to share, if anything."
      />
      {requestId !== null && REQUEST_ID.test(requestId) ? (
        <PresentRequestView key={requestId} requestId={requestId} ledgerConfig={ledgerConfig} />
      ) : (
        <Alert
          tone="error"
          title="This request link is incomplete"
          data-testid={testIds.requests.presentError}
        >
          The link has no valid request in it. Scan the verifier&apos;s QR code again, or open the
          link exactly as they sent it.
        </Alert>
      )}
    </div>
  );
}
