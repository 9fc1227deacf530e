import { useId } from "react";
import { testIds } from "@/lib/test-ids";
import type { PracticeCondition } from "@/lib/wallet/describe-credential";

/** Conditions limit what the doctor may do: they must be seen before anything else on the card. */
export type ConditionsLabels = { heading: string; unreadable: (some: boolean) => string };

const englishLabels: ConditionsLabels = {
  heading: "Conditions on practice",
  unreadable: (some) =>
    `${some ? "Further conditions" : "Conditions"} are listed that could not be read. Ask the issuer before relying on this credential.`,
};

export function ConditionsCallout({
  conditions,
  unreadable = false,
  testId = testIds.wallet.conditions,
  labels = englishLabels,
}: {
  conditions: PracticeCondition[];
  /** Conditions are listed that could not be read. */
  unreadable?: boolean;
  testId?: string;
  /** The callout's words in another language (the wallet's); English by default. */
  labels?: ConditionsLabels;
}) {
  const headingId = useId();
  if (conditions.length === 0 && !unreadable) return null;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      className="rounded-md border border-l-4 border-amber-300 border-l-amber-500 bg-amber-50 px-4 py-3 text-amber-950"
    >
      <p id={headingId} className="text-xs font-bold tracking-wide uppercase">
        {labels.heading}
      </p>
      {conditions.length > 0 ? (
        <ul className="mt-1 grid list-disc gap-1 pl-5 text-sm">
          {conditions.map((c, i) => (
            <li key={`${c.code ?? ""}-${i}`} className="break-words">
              {c.text}
              {c.code ? <span className="ml-1 text-xs text-amber-800">({c.code})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {unreadable ? (
        <p className="mt-1 text-sm font-medium">{labels.unreadable(conditions.length > 0)}</p>
      ) : null}
    </section>
  );
}
