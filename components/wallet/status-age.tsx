"use client";

import { useNow } from "@/components/verification/use-now";
import { relativeTime } from "@/lib/i18n/relative-time";
import { testIds } from "@/lib/test-ids";
import { useWalletText } from "./wallet-text";

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
  const { t, locale, formatDateTime } = useWalletText();
  if (!checkedAt) {
    return online ? null : (
      <span data-testid={testIds.wallet.statusCheckedAt}>{t.status.neverChecked}</span>
    );
  }
  const where = fromCache ? (online ? t.status.unreachable : t.status.offline) : "";
  return (
    <span data-testid={testIds.wallet.statusCheckedAt}>
      {t.status.checked}{" "}
      <time dateTime={checkedAt.toISOString()} title={formatDateTime(checkedAt.toISOString())}>
        {relativeTime(checkedAt, now, locale, t.status)}
      </time>
      {where}
    </span>
  );
}
