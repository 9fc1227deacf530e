"use client";

import { Alert } from "@/components/ui/alert";
import type { StatusListSummary } from "@/lib/issuance/list-status-lists";
import { testIds } from "@/lib/test-ids";
import type { ListHistoryQueries } from "./use-list-history";

/** Which anchored version the issuer's server is serving right now, checked in the browser. */
export function ServedListCheck({
  list,
  history: { anchors, served },
}: {
  list: StatusListSummary;
  history: ListHistoryQueries;
}) {
  const testId = testIds.ledger.servedCheck;
  if (anchors.isPending || served.isPending) {
    return (
      <Alert tone="info" title="Checking the served list against the ledger…" data-testid={testId}>
        Reading the anchor history from the chain and fetching {list.url}.
      </Alert>
    );
  }
  if (anchors.isError) {
    return (
      <Alert tone="warning" title="The ledger could not be read" data-testid={testId}>
        {anchors.error.message} The served list cannot be checked until the chain answers.
      </Alert>
    );
  }
  if (served.isError) {
    return (
      <Alert tone="warning" title="The issuer's server did not serve the list" data-testid={testId}>
        {served.error.message}
        {list.servedVersion === null ? " No version of this list is anchored yet." : null}
      </Alert>
    );
  }
  const latest = anchors.data[0];
  const match = anchors.data.find((a) => a.hash.toLowerCase() === served.data.hash.toLowerCase());
  if (latest && match?.version === latest.version) {
    return (
      <Alert
        tone="success"
        title={`Served list is version ${latest.version}, the latest anchored`}
        data-testid={testId}
      >
        Its SHA-256 ({short(served.data.hash)}) equals the hash anchored in block{" "}
        {latest.blockNumber.toLocaleString()}.
      </Alert>
    );
  }
  if (match) {
    return (
      <Alert
        tone="error"
        title={`Served list is an OLD version (${match.version})`}
        data-testid={testId}
      >
        Version {latest?.version} is the latest on the ledger. An outdated list can hide a newer
        revocation; verifiers report this as ANCHOR_ROLLBACK.
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="Served list matches no anchored version" data-testid={testId}>
      Its SHA-256 ({short(served.data.hash)}) was never anchored: the list was altered. Verifiers
      report this as ANCHOR_MISMATCH.
    </Alert>
  );
}

function short(hash: string) {
  return `${hash.slice(0, 10)}…${hash.slice(-6)}`;
}
