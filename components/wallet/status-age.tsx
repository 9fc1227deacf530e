"use client";

import { relativeAge } from "@/components/verification/relative-age";
import { useNow } from "@/components/verification/use-now";
import { testIds } from "@/lib/test-ids";

/** "Status checked 3 h ago — offline": when the status shown was established, and from where. */
export function StatusAge({
  checkedAt,
  fromCache,
  online,
}: {
  checkedAt: Date | undefined;
  fromCache: boolean;
  online: boolean;
}) {
  const now = useNow();
  if (!checkedAt) {
    return online ? null : (
      <span data-testid={testIds.wallet.statusCheckedAt}>
        Offline: the status could not be checked and no earlier check is saved.
      </span>
    );
  }
  const where = fromCache
    ? online
      ? " — the issuer or the ledger could not be reached now"
      : " — offline"
    : "";
  return (
    <span data-testid={testIds.wallet.statusCheckedAt}>
      Status checked{" "}
      <time dateTime={checkedAt.toISOString()} title={checkedAt.toLocaleString()}>
        {relativeAge(checkedAt, now)}
      </time>
      {where}
    </span>
  );
}
