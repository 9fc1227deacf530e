"use client";

import type { ReactNode } from "react";
import { CredentialCard } from "@/components/credential/credential-card";
import type { CredentialVerifier } from "@/components/credential/use-credential-verification";
import { credentialHref } from "@/lib/wallet/credential-href";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { CorrectionNotes } from "./correction-notes";
import { StatusAge } from "./status-age";
import { useStatusText } from "./status-text";
import { useWalletCredentialStatus } from "./use-wallet-credential-status";
import { useWalletText } from "./wallet-text";

/** A wallet card with its live status; the verifier is shared by every card on the page. */
export function VerifiedCredentialCard({
  credential,
  verifier,
  heldIds = new Set(),
  select,
}: {
  credential: StoredCredential;
  verifier: CredentialVerifier;
  /** Ids of every credential in this wallet, to link a correction chain. */
  heldIds?: ReadonlySet<string>;
  select?: ReactNode;
}) {
  const { t, locale } = useWalletText();
  const standing = useWalletCredentialStatus(credential, verifier);
  const said = useStatusText()(standing.status);
  return (
    <CredentialCard
      credential={credential}
      status={standing.status}
      statusLabel={said.label}
      statusReason={said.reason}
      locale={locale}
      labels={{ ...t.card, conditions: t.conditions, copy: t.copy }}
      statusNote={
        standing.fromCache || !standing.online ? (
          <StatusAge
            checkedAt={standing.checkedAt}
            fromCache={standing.fromCache}
            online={standing.online}
          />
        ) : null
      }
      notes={
        <CorrectionNotes
          superseded={standing.status.label === "Superseded"}
          correction={standing.correction}
          supersedes={standing.supersedes}
          heldIds={heldIds}
        />
      }
      detailHref={credentialHref(credential.id)}
      select={select}
    />
  );
}
