"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { testIds } from "@/lib/test-ids";
import type { RegistryChangeResult } from "./governance-api";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** What the last action did, with its transaction: the ledger is the record, not this page. */
export function ChangeResult({
  title,
  result,
  onDismiss,
}: {
  title: string;
  result: RegistryChangeResult;
  onDismiss: () => void;
}) {
  return (
    <Alert tone="success" title={title} data-testid={testIds.governance.result}>
      <p>
        Recorded in block {result.blockNumber} at {timeFormat.format(new Date(result.at))} UTC.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium">Transaction</span>
        <code className="font-mono text-xs break-all" data-testid={testIds.governance.txHash}>
          {result.txHash}
        </code>
        <CopyButton value={result.txHash} label="transaction hash" />
        <Button variant="ghost" className="min-h-9 px-3 py-1" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    </Alert>
  );
}
