"use client";

import Link from "next/link";
import { testIds } from "@/lib/test-ids";
import type { CredentialCorrection } from "@/lib/credentials/schemas";
import { credentialHref } from "@/lib/wallet/credential-href";
import { useWalletText } from "./wallet-text";

/**
 * Where a credential sits in a chain of corrections, on its card: "Superseded by a correction"
 * (with a link when this wallet holds the correction) and "Corrects an earlier credential".
 * "Superseded" is only said when the status list itself says revoked.
 */
export function CorrectionNotes({
  superseded,
  correction,
  supersedes,
  heldIds,
}: {
  superseded: boolean;
  correction: CredentialCorrection | undefined;
  supersedes: string | undefined;
  heldIds: ReadonlySet<string>;
}) {
  const { t, formatDate } = useWalletText();
  const next = superseded ? correction?.supersededBy : undefined;
  if (!next && !supersedes) return null;
  return (
    <div className="grid gap-2">
      {next ? (
        <p
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
          data-testid={testIds.wallet.supersededNote}
        >
          <span className="font-semibold">{t.corrections.supersededBy}</span>
          {correction?.at ? t.corrections.issuedOn(formatDate(correction.at, "medium")) : ""}.{" "}
          {heldIds.has(next) ? (
            <Link href={credentialHref(next)} className="font-medium underline">
              {t.corrections.openCorrected}
            </Link>
          ) : (
            t.corrections.correctedMissing
          )}
        </p>
      ) : null}
      {supersedes ? (
        <p
          className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900"
          data-testid={testIds.wallet.supersedesNote}
        >
          <span className="font-semibold">{t.corrections.corrects}</span>
          {heldIds.has(supersedes) ? (
            <>
              {" "}
              {t.corrections.earlierHeldBefore}
              <Link href={credentialHref(supersedes)} className="font-medium underline">
                {t.corrections.earlierHeldLink}
              </Link>{" "}
              {t.corrections.earlierHeldAfter}
            </>
          ) : (
            t.corrections.earlierRevoked
          )}
        </p>
      ) : null}
    </div>
  );
}
