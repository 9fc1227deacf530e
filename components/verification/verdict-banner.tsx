import { testIds } from "@/lib/test-ids";
import { Icon, type IconName } from "./icon";
import type { Verdict } from "./verdict-of";

type Look = { heading: string; icon: IconName; tone: string; summary: string };

// Summaries avoid the other verdicts' headings, so "Valid" appears only on a valid credential.
const looks: Record<Verdict, Look> = {
  valid: {
    heading: "Valid",
    icon: "pass",
    tone: "border-emerald-600 bg-emerald-50 text-emerald-950",
    summary: "Every check passed. The issuer signed this credential and it is in force.",
  },
  revoked: {
    heading: "Revoked",
    icon: "revoked",
    tone: "border-red-700 bg-red-50 text-red-950",
    summary: "The issuer has withdrawn this credential. Do not rely on it.",
  },
  suspended: {
    heading: "Suspended",
    icon: "suspended",
    tone: "border-orange-600 bg-orange-50 text-orange-950",
    summary: "The issuer has put this credential on hold. Do not rely on it while it is on hold.",
  },
  invalid: {
    heading: "Not valid",
    icon: "fail",
    tone: "border-red-700 bg-red-50 text-red-950",
    summary: "At least one check failed. Do not rely on this credential.",
  },
  unknown: {
    heading: "Cannot be checked",
    icon: "unknown",
    tone: "border-slate-500 bg-slate-100 text-slate-950",
    summary: "Some checks could not be made, so this credential cannot be treated as valid yet.",
  },
};

const checkedAtFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "medium",
});

export function verdictHeading(verdict: Verdict): string {
  return looks[verdict].heading;
}

/** The answer first: one heading, colour, icon, the main reason and what to do about it. */
export function VerdictBanner({
  verdict,
  reason,
  checkedAt,
}: {
  verdict: Verdict;
  /** Why, in the core's words (the failing check's message, or why checking was impossible). */
  reason?: string | undefined;
  checkedAt?: Date | undefined;
}) {
  const look = looks[verdict];
  return (
    <div
      data-testid={testIds.verifier.verdict}
      data-verdict={verdict}
      className={`flex gap-3 rounded-lg border-2 p-4 ${look.tone}`}
    >
      <Icon name={look.icon} className="mt-0.5 size-8" />
      <div className="min-w-0">
        <h3 className="text-xl font-bold tracking-tight">{look.heading}</h3>
        {reason ? <p className="mt-1 text-sm font-medium">{reason}</p> : null}
        <p className="mt-1 text-sm">{look.summary}</p>
        {checkedAt ? (
          <p className="mt-2 text-xs opacity-80">
            Checked{" "}
            <time dateTime={checkedAt.toISOString()}>{checkedAtFormat.format(checkedAt)}</time>
          </p>
        ) : null}
      </div>
    </div>
  );
}
