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

/** Who offers what, before the doctor accepts: the preview is the issuer's summary, display only. */
export function ClaimOfferSummary({ offer }: { offer: ClaimOffer }) {
  const conditions = practiceConditions(offer.type, offer.preview);
  return (
    <Card data-testid={testIds.wallet.claimOffer} className="grid min-w-0 gap-4">
      <div className="grid gap-1">
        <p className="text-sm text-slate-600">{offer.issuer.name} offers you a credential:</p>
        <h2 className="text-xl font-semibold text-slate-900">{credentialTitle(offer.type)}</h2>
        <p className="font-mono text-xs break-all text-slate-500">
          <span className="sr-only">Issuer identifier: </span>
          {offer.issuer.did}
        </p>
      </div>
      <ConditionsCallout conditions={conditions.items} unreadable={conditions.unreadable} />
      <SubjectFieldList fields={subjectFields(offer.type, offer.preview)} />
      <p className="text-sm text-slate-600">
        {offer.expiresAt
          ? `This link can be used once, until ${new Date(offer.expiresAt).toLocaleString(
              undefined,
              {
                dateStyle: "long",
                timeStyle: "short",
              },
            )}.`
          : "This link can be used once."}
      </p>
    </Card>
  );
}
