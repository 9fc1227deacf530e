import { useId } from "react";
import { ConditionsCallout } from "./conditions-callout";
import type { CredentialSummary } from "./summarize-credential";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** What the credential says about the doctor, conditions on practice first. */
export function CredentialDetails({
  summary,
  signed,
}: {
  summary: CredentialSummary;
  /** Whether the signature check passed, i.e. whether the issuer really wrote these details. */
  signed: boolean;
}) {
  const headingId = useId();
  const rows: { label: string; value: string; mono?: boolean; items?: string[] }[] = [
    { label: "Name", value: summary.holderName ?? "Not stated" },
    summary.issuerName
      ? { label: "Issued by", value: summary.issuerName }
      : { label: "Issued by", value: summary.issuerDid, mono: true },
    ...summary.facts,
    {
      label: "Valid from",
      value: summary.validFrom ? dateFormat.format(summary.validFrom) : "Not stated",
    },
    {
      label: "Valid until",
      value: summary.validUntil ? dateFormat.format(summary.validUntil) : "No end date",
    },
  ];

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h3 id={headingId} className="text-lg font-semibold text-slate-900">
        {summary.title}
      </h3>
      <ConditionsCallout conditions={summary.conditions} />
      {signed ? null : (
        <p className="rounded-md border border-red-200 bg-white px-3 py-2 text-sm text-red-900">
          These details are shown as the credential states them. The issuer&apos;s signature on them
          could not be confirmed, so they may be forged.
        </p>
      )}
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        {rows.map((row) => (
          <div key={row.label} className={`min-w-0 ${row.items ? "sm:col-span-2" : ""}`}>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              {row.label}
            </dt>
            <dd
              className={`mt-0.5 text-sm break-words text-slate-900 ${row.mono ? "font-mono break-all" : ""}`}
            >
              {row.items ? (
                <ul className="list-disc space-y-0.5 pl-5">
                  {row.items.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ul>
              ) : (
                row.value
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
