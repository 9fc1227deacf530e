"use client";

import type { CredentialStatus } from "@/lib/wallet/credential-status";
import { useWalletText } from "./wallet-text";

/**
 * A credential's status in the doctor's language: the badge's word, and the reason said by its
 * check code (the English reason is the check's own sentence, kept as it is). A cached status
 * carries no code; it gets the status's general reason.
 */
export function useStatusText(): (status: CredentialStatus) => {
  label: string;
  reason: string | undefined;
} {
  const { t, locale } = useWalletText();
  return (status) => {
    const label = t.status.labels[status.label];
    if (locale === "en" || !status.reason) return { label, reason: status.reason };
    const reason =
      (status.label !== "Superseded" && status.code ? t.status.checks[status.code] : undefined) ??
      t.status.reasons[status.label] ??
      status.reason;
    return { label, reason };
  };
}
