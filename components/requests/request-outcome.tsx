"use client";

import { useId } from "react";
import { Icon } from "@/components/verification/icon";
import { VerificationReport } from "@/components/verification/verification-report";
import { decodeCredential } from "@/lib/credentials/decode-credential";
import type { RequestAnswer, RequirementOutcome } from "@/lib/credentials/policy/schemas";
import type { Check } from "@/lib/credentials/verification";
import { testIds } from "@/lib/test-ids";

/**
 * The verified answer to a request: the policy's verdict, each requirement with its reason, the
 * presentation's own checks (holder binding, nonce, audience), then the full report of every
 * credential the doctor presented, the same report /verify shows.
 */

const looks: Record<
  RequirementOutcome,
  { heading: string; icon: "pass" | "fail" | "unknown"; tone: string; badge: string; label: string }
> = {
  met: {
    heading: "Policy met",
    icon: "pass",
    tone: "border-emerald-600 bg-emerald-50 text-emerald-950",
    badge: "text-emerald-700",
    label: "Met",
  },
  not_met: {
    heading: "Policy not met",
    icon: "fail",
    tone: "border-red-700 bg-red-50 text-red-950",
    badge: "text-red-700",
    label: "Not met",
  },
  unknown: {
    heading: "Cannot be checked",
    icon: "unknown",
    tone: "border-slate-500 bg-slate-100 text-slate-950",
    badge: "text-slate-600",
    label: "Cannot be checked",
  },
};

const summaries: Record<RequirementOutcome, string> = {
  met: "Every requirement is met by a valid credential from an accredited issuer, presented by its holder.",
  not_met: "At least one requirement is not met. Do not rely on this answer for that requirement.",
  unknown:
    "Some checks could not be made, so this answer cannot be relied on yet. Nothing failed outright.",
};

const presentationCheckNames: Record<string, string> = {
  format: "Format",
  signature: "Holder's signature",
  validity: "Freshness",
  challenge: "Answers this request (nonce, once)",
  audience: "Addressed to you",
  holder: "Presented by the credentials' holder",
  credentials: "Every credential verified",
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

export function RequestOutcome({ answer }: { answer: RequestAnswer }) {
  const headingId = useId();
  const look = looks[answer.policy.outcome];
  const answeredAt = new Date(answer.answeredAt);
  return (
    <section
      aria-labelledby={headingId}
      className="grid gap-6"
      data-testid={testIds.requests.outcome}
      data-outcome={answer.policy.outcome}
    >
      <div className={`flex gap-3 rounded-lg border-2 p-4 ${look.tone}`}>
        <Icon name={look.icon} className="mt-0.5 size-8" />
        <div className="min-w-0">
          <h2 id={headingId} className="text-xl font-bold tracking-tight">
            {look.heading}
          </h2>
          <p className="mt-1 text-sm">{summaries[answer.policy.outcome]}</p>
          <p className="mt-2 text-xs opacity-80">
            Answered and verified{" "}
            <time dateTime={answer.answeredAt}>{timeFormat.format(answeredAt)}</time>
            {answer.holder ? <span className="break-all"> · holder {answer.holder}</span> : null}
          </p>
        </div>
      </div>

      <section className="grid gap-2" aria-label="Requirements">
        <h3 className="text-lg font-semibold text-slate-900">Requirements</h3>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {answer.policy.requirements.map((r) => {
            const l = looks[r.outcome];
            return (
              <li
                key={r.id}
                className="flex gap-3 px-4 py-3"
                data-testid={testIds.requests.requirement}
                data-outcome={r.outcome}
              >
                <Icon name={l.icon} className={`mt-0.5 size-5 ${l.badge}`} />
                <div className="min-w-0">
                  <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
                    <span className="font-medium text-slate-900">{r.label}</span>
                    <span className={`text-xs font-semibold ${l.badge}`}>{l.label}</span>
                  </p>
                  <p className="mt-0.5 text-sm text-slate-700">{r.reason}</p>
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <details className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-900">
          The presentation&apos;s own checks
        </summary>
        <ul className="mt-2 grid gap-2">
          {answer.checks.map((c) => (
            <li key={c.id} className="text-sm">
              <span className="font-medium text-slate-900">
                {presentationCheckNames[c.id] ?? c.id}
              </span>
              {": "}
              <span
                className={
                  c.ok === true
                    ? "text-emerald-700"
                    : c.ok === false
                      ? "text-red-700"
                      : "text-slate-600"
                }
              >
                {c.ok === true ? "passed" : c.ok === false ? "failed" : "could not be checked"}
              </span>
              <span className="text-slate-700"> — {c.message}</span>
            </li>
          ))}
        </ul>
      </details>

      {answer.credentials.map((c, i) => (
        <PresentedCredential
          key={i}
          position={i + 1}
          total={answer.credentials.length}
          answeredAt={answeredAt}
          credential={c}
        />
      ))}
    </section>
  );
}

function PresentedCredential({
  position,
  total,
  answeredAt,
  credential,
}: {
  position: number;
  total: number;
  answeredAt: Date;
  credential: RequestAnswer["credentials"][number];
}) {
  const headingId = useId();
  const decoded = decodeCredential(credential.jwt);
  // The checks are the server's, made with the same universal core; the decoded credential is
  // only for display, as the report does for a credential checked in this browser.
  const result = {
    verified: credential.verified,
    checks: credential.checks as Check[],
    ...(decoded.ok ? { credential: decoded.credential } : {}),
  };
  return (
    <section aria-labelledby={headingId} className="grid gap-3 border-t border-slate-200 pt-6">
      <h3 id={headingId} className="text-lg font-semibold text-slate-900">
        Credential {position} of {total}
      </h3>
      <VerificationReport jwt={credential.jwt} verification={{ result, checkedAt: answeredAt }} />
    </section>
  );
}
