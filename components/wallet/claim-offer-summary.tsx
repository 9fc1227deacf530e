"use client";

import { Card } from "@/components/ui/card";
import { ConditionsCallout } from "@/components/credential/conditions-callout";
import { SubjectFieldList } from "@/components/credential/subject-field-list";
import { testIds } from "@/lib/test-ids";
import {
  credentialTitle,
  practiceConditions,
  subjectFields,
} from "@/lib/wallet/describe-credential";
import type { ClaimOffer } from "@/lib/wallet/schemas";
import { useWalletText } from "./wallet-text";

/** Who offers what, before the doctor accepts: the preview is the issuer's summary, display only. */
export function ClaimOfferSummary({ offer }: { offer: ClaimOffer }) {
  const { t, locale } = useWalletText();
  const conditions = practiceConditions(offer.type, offer.preview);
  return (
    <Card data-testid={testIds.wallet.claimOffer} className="grid min-w-0 gap-4">
      <div className="grid gap-1">
        <p className="text-sm break-words text-slate-600">{t.claim.offers(offer.issuer.name)}</p>
        <h2 className="text-xl font-semibold break-words text-slate-900">
          {credentialTitle(offer.type, locale)}
        </h2>
        <p className="font-mono text-xs break-all text-slate-500">
          <span className="sr-only">{t.claim.issuerId}</span>
          {offer.issuer.did}
        </p>
      </div>
      <ConditionsCallout
        conditions={conditions.items}
        unreadable={conditions.unreadable}
        labels={t.conditions}
      />
      <SubjectFieldList fields={subjectFields(offer.type, offer.preview, locale)} />
      <p className="text-sm text-slate-600">
        {offer.expiresAt
          ? t.claim.onceUntil(
              new Date(offer.expiresAt).toLocaleString(locale, {
                dateStyle: "long",
                timeStyle: "short",
              }),
            )
          : t.claim.once}
      </p>
    </Card>
  );
}
