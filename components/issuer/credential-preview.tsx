import { ConditionsCallout } from "@/components/credential/conditions-callout";
import { SubjectFieldList } from "@/components/credential/subject-field-list";
import { Card } from "@/components/ui/card";
import { describeCredential } from "@/lib/credentials/describe-credential";
import { testIds } from "@/lib/test-ids";

/**
 * The card the doctor and verifiers will see, drawn live from the form as the issuer types, with
 * the same describer the wallet and the verifier use. Conditions on practice come first.
 */
export function CredentialPreview({
  type,
  subject,
  issuerName,
}: {
  type: string;
  subject: Record<string, unknown>;
  issuerName: string;
}) {
  const d = describeCredential({ type, subject });
  const fields = [
    ...d.fields,
    ...(d.period.start ? [d.period.start] : []),
    ...(d.period.end ? [d.period.end] : []),
  ];
  const empty = !d.holderName && fields.length === 0 && d.conditions.items.length === 0;
  return (
    <Card
      data-testid={testIds.issuer.preview}
      aria-label="Preview of the credential"
      className="border-t-brand-600 grid min-w-0 gap-4 border-t-4"
    >
      <div className="min-w-0">
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Preview</p>
        <h3 className="text-lg font-semibold text-slate-900">{d.title}</h3>
        <p className="text-sm break-words text-slate-600">
          {d.holderName ? (
            <>
              <span className="font-medium text-slate-900">{d.holderName}</span> · issued by{" "}
              {issuerName}
            </>
          ) : (
            `Issued by ${issuerName}`
          )}
        </p>
      </div>
      <ConditionsCallout
        conditions={d.conditions.items}
        unreadable={d.conditions.unreadable}
        testId={testIds.issuer.previewConditions}
      />
      {empty ? (
        <p className="text-sm text-slate-600">
          The card fills in as you complete the form. This is how the doctor and anyone verifying
          the credential will see it.
        </p>
      ) : (
        <SubjectFieldList fields={fields} />
      )}
    </Card>
  );
}
