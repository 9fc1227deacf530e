import { useId } from "react";
import { testIds } from "@/lib/test-ids";
import { Icon } from "./icon";
import type { CredentialSummary } from "./summarize-credential";

/**
 * Conditions on practice change what a doctor may do, so they are shown before anything else
 * about the credential, in a callout a busy verifier cannot miss.
 */
export function ConditionsCallout({ conditions }: { conditions: CredentialSummary["conditions"] }) {
  const headingId = useId();
  if (conditions.items.length === 0 && !conditions.unreadable) return null;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={testIds.verifier.conditions}
      className="flex gap-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-amber-950"
    >
      <Icon name="warning" className="mt-0.5 size-6 text-amber-700" />
      <div className="min-w-0">
        <h4 id={headingId} className="font-semibold">
          Conditions on practice
        </h4>
        {conditions.items.length > 0 ? (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {conditions.items.map((condition, i) => (
              <li key={i} className="break-words">
                {condition.text}
                {condition.code ? (
                  <span className="ml-2 font-mono text-xs text-amber-800">{condition.code}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {conditions.unreadable ? (
          <p className="mt-2 text-sm font-medium">
            {conditions.items.length > 0 ? "Further conditions" : "Conditions"} are listed that
            could not be read. Ask the issuer before relying on this credential.
          </p>
        ) : null}
      </div>
    </section>
  );
}
