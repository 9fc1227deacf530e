"use client";

import { RequestBuilder } from "@/components/requests/request-builder";
import { RequestTracker } from "@/components/requests/request-tracker";
import { useSavedRequest } from "@/components/requests/saved-request";
import { PageHeader } from "@/components/ui/page-header";

/**
 * Build a request from presets, show it to the doctor as a QR code or link, and wait for the
 * verified answer. The request and its read secret are kept in this tab's sessionStorage, so a
 * reload resumes watching; "New request" forgets them, and closing the tab ends the watch.
 */
export function RequestPageClient() {
  const [created, setCreated] = useSavedRequest();
  return (
    <>
      <PageHeader
        title="Request credentials"
        description="Ask a doctor to prove what you need: a licence without conditions, a board certification, privileges for a procedure, or recent CME. Their wallet answers with signed credentials, which are checked in full against the issuers, their status lists on the ledger and the trust registry."
      />
      {created ? (
        <RequestTracker key={created.request.id} created={created} onNew={() => setCreated(null)} />
      ) : (
        <RequestBuilder onCreated={setCreated} />
      )}
    </>
  );
}
