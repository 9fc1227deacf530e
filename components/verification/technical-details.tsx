"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The identifiers and the raw credential, folded away: most verifiers never need them, but
 * support staff and auditors do, and the JWT lets anyone re-run the check elsewhere.
 */
export function TechnicalDetails({
  jwt,
  issuerDid,
  holderDid,
  credentialId,
}: {
  jwt: string;
  issuerDid: string | undefined;
  holderDid: string | undefined;
  credentialId: string | undefined;
}) {
  const [copied, setCopied] = useState(false);
  const rows = [
    { label: "Issuer DID", value: issuerDid },
    { label: "Holder DID", value: holderDid },
    { label: "Credential ID", value: credentialId },
  ].filter((row): row is { label: string; value: string } => Boolean(row.value));

  async function copy() {
    try {
      await navigator.clipboard.writeText(jwt);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access can be refused; the text stays selectable below.
    }
  }

  return (
    <details className="group no-print rounded-lg border border-slate-200 bg-white">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-slate-800 select-none">
        Technical details
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-4 py-3">
        <dl className="space-y-2">
          {rows.map((row) => (
            <div key={row.label}>
              <dt className="text-xs font-medium text-slate-500">{row.label}</dt>
              <dd className="font-mono text-xs break-all text-slate-900">{row.value}</dd>
            </div>
          ))}
        </dl>
        <div>
          <div className="flex items-center justify-between gap-2">
            <p className="text-xs font-medium text-slate-500">Raw credential (JWT)</p>
            <Button variant="ghost" className="min-h-8 px-2 py-1 text-xs" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">
            {jwt}
          </pre>
        </div>
      </div>
    </details>
  );
}
