import type { DecodedCredential, DecodedPresentation } from "../schemas";
import type { PresentationCheck, VerificationResult } from "../verification";
import { describeRequirement, formatHours } from "./describe-requirement";
import { matchDcql } from "./match-dcql";
import { requestDcql } from "./request-dcql";
import type {
  PolicyEvaluation,
  RequestPolicy,
  Requirement,
  RequirementOutcome,
  RequirementResult,
} from "./schemas";

/**
 * Evaluates a verifier's policy against a verified presentation. A requirement is met only by a
 * credential that passed every check (signature, validity, status, anchor, accreditation) and says
 * what was asked for. A revoked, suspended, expired, tampered or unaccredited credential never
 * satisfies a requirement; one whose status (or anchor, or accreditation) could not be checked
 * makes the requirement "cannot be checked", never met. Nothing read from a credential whose
 * issuer signature was not confirmed counts, even as "cannot be checked".
 *
 * The presentation's own checks come first: a presentation that is not the holder's, answers
 * another challenge or audience, or is expired satisfies nothing.
 */

export type PresentationOutcome = {
  checks: PresentationCheck[];
  credentials: VerificationResult<DecodedCredential>[];
  presentation?: DecodedPresentation;
};

export type EvaluatePolicyOptions = { now: Date };

/** Credentials whose own checks bear on the presentation: the last one summarises them. */
const PRESENTATION_LEVEL = new Set([
  "format",
  "signature",
  "validity",
  "challenge",
  "audience",
  "holder",
]);

const DAY_MS = 86_400_000;

type Candidate = {
  position: number;
  result: VerificationResult<DecodedCredential>;
  credential: DecodedCredential;
  state: "verified" | "unknown" | "failed";
  /** The first check that did not pass, for the reason. */
  reason: string | undefined;
};

function stateOf(result: VerificationResult<DecodedCredential>): Candidate["state"] {
  if (result.verified) return "verified";
  return result.checks.some((c) => c.ok === false) ? "failed" : "unknown";
}

function candidatesOf(outcome: PresentationOutcome): Candidate[] {
  return outcome.credentials.flatMap((result, i) => {
    const signed = result.checks.some((c) => c.id === "signature" && c.ok === true);
    if (!signed || !result.credential) return [];
    const failing =
      result.checks.find((c) => c.ok === false) ?? result.checks.find((c) => c.ok !== true);
    return [
      {
        position: i + 1,
        result,
        credential: result.credential,
        state: stateOf(result),
        reason: failing?.message,
      },
    ];
  });
}

function result(
  requirement: Requirement,
  id: string,
  outcome: RequirementOutcome,
  reason: string,
  credentials: number[] = [],
): RequirementResult {
  return { id, label: describeRequirement(requirement), outcome, reason, credentials };
}

/** Requirement-specific rules DCQL cannot express; undefined when the credential satisfies them. */
function extraRule(requirement: Requirement, credential: DecodedCredential, now: Date) {
  const subject = credential.vc.credentialSubject;
  if (requirement.kind === "licensed") {
    const conditions = subject.conditions;
    if (Array.isArray(conditions) && conditions.length > 0) {
      const texts = conditions
        .map((c) => (typeof c === "object" && c && "text" in c ? String(c.text) : ""))
        .filter(Boolean);
      return `The licence carries conditions on practice${texts.length ? `: ${texts.join("; ")}` : ""}.`;
    }
  }
  if (requirement.kind === "privileges") {
    const start = (subject.period as { start?: unknown } | undefined)?.start;
    if (typeof start === "string" && Date.parse(`${start}T00:00:00Z`) > now.getTime()) {
      return `The privileges start on ${start}.`;
    }
  }
  return undefined;
}

/** CME hours of one activity completed in the 12 months before `now`, or a reason it does not count. */
function cmeHours(credential: DecodedCredential, now: Date): number | string {
  const subject = credential.vc.credentialSubject;
  const hours = subject.creditsEarned;
  const completedOn = subject.completedOn;
  if (typeof hours !== "number" || !(hours > 0)) return "It states no CME hours.";
  const completed = typeof completedOn === "string" ? Date.parse(`${completedOn}T00:00:00Z`) : NaN;
  if (Number.isNaN(completed)) return "It states no completion date.";
  const windowStart = new Date(now.getTime());
  windowStart.setUTCFullYear(windowStart.getUTCFullYear() - 1);
  if (completed < windowStart.getTime() - DAY_MS / 2) {
    return `It was completed on ${completedOn}, more than 12 months ago.`;
  }
  if (completed > now.getTime()) return `It is dated ${completedOn}, in the future.`;
  return hours;
}

function evaluateCme(
  requirement: Extract<Requirement, { kind: "cme" }>,
  id: string,
  matching: Candidate[],
  now: Date,
): RequirementResult {
  let verified = 0;
  let unknown = 0;
  const used: number[] = [];
  const skipped: string[] = [];
  for (const c of matching) {
    const hours = cmeHours(c.credential, now);
    if (typeof hours === "string") {
      skipped.push(`credential ${c.position}: ${hours}`);
      continue;
    }
    if (c.state === "verified") {
      verified += hours;
      used.push(c.position);
    } else if (c.state === "unknown") {
      unknown += hours;
      used.push(c.position);
    } else {
      skipped.push(`credential ${c.position}: ${c.reason ?? "it is not valid"}`);
    }
  }
  const wanted = formatHours(requirement.hours);
  if (verified >= requirement.hours) {
    return result(
      requirement,
      id,
      "met",
      `${formatHours(verified)} of CME in the last 12 months (${wanted} asked).`,
      used,
    );
  }
  const tail = skipped.length ? ` Not counted: ${skipped.join("; ")}` : "";
  if (verified + unknown >= requirement.hours) {
    return result(
      requirement,
      id,
      "unknown",
      `Only ${formatHours(verified)} could be fully checked; ${formatHours(unknown)} more could not be checked (${wanted} asked).${tail}`,
      used,
    );
  }
  return result(
    requirement,
    id,
    "not_met",
    matching.length === 0
      ? "No CME activity was presented."
      : `${formatHours(verified)} of valid CME in the last 12 months; ${wanted} asked.${tail}`,
    used,
  );
}

function evaluateOne(
  requirement: Requirement,
  id: string,
  query: Parameters<typeof matchDcql>[0],
  candidates: Candidate[],
  presented: VerificationResult<DecodedCredential>[],
  now: Date,
): RequirementResult {
  const ofType = candidates.filter((c) =>
    query.meta.type_values.some((set) => set.every((t) => c.credential.vc.type.includes(t))),
  );
  const matching: Candidate[] = [];
  const mismatches: string[] = [];
  for (const c of ofType) {
    const m = matchDcql(query, c.credential);
    if (!m.matches) {
      mismatches.push(`credential ${c.position}: ${m.reason}`);
      continue;
    }
    const extra = extraRule(requirement, c.credential, now);
    if (extra) mismatches.push(`credential ${c.position}: ${extra}`);
    else matching.push(c);
  }
  if (requirement.kind === "cme") return evaluateCme(requirement, id, matching, now);

  const verified = matching.find((c) => c.state === "verified");
  if (verified) {
    return result(
      requirement,
      id,
      "met",
      `Credential ${verified.position} shows it, and it passed every check.`,
      [verified.position],
    );
  }
  const unknown = matching.find((c) => c.state === "unknown");
  if (unknown) {
    return result(
      requirement,
      id,
      "unknown",
      `Credential ${unknown.position} shows it, but it could not be fully checked: ${unknown.reason ?? "a check could not be made."}`,
      [unknown.position],
    );
  }
  const failed = matching.find((c) => c.state === "failed");
  if (failed) {
    return result(
      requirement,
      id,
      "not_met",
      `Credential ${failed.position} shows it, but it is not valid: ${failed.reason ?? "a check failed."}`,
      [failed.position],
    );
  }
  if (mismatches.length > 0) {
    return result(
      requirement,
      id,
      "not_met",
      `No credential presented shows it. ${mismatches.join(" ")}`,
    );
  }
  const unreadable = presented.length - candidates.length;
  return result(
    requirement,
    id,
    "not_met",
    unreadable > 0
      ? "No credential whose issuer signature could be confirmed shows it."
      : "No credential of this kind was presented.",
  );
}

function overall(requirements: RequirementResult[]): RequirementOutcome {
  if (requirements.some((r) => r.outcome === "not_met")) return "not_met";
  if (requirements.some((r) => r.outcome === "unknown")) return "unknown";
  return "met";
}

export function evaluatePolicy(
  policy: Pick<RequestPolicy, "requirements">,
  outcome: PresentationOutcome,
  { now }: EvaluatePolicyOptions,
): PolicyEvaluation {
  const dcql = requestDcql(policy);
  const presentationFailed = outcome.checks.find(
    (c) => PRESENTATION_LEVEL.has(c.id) && c.ok === false,
  );
  const presentationUnknown = outcome.checks.find(
    (c) => PRESENTATION_LEVEL.has(c.id) && c.ok !== true,
  );
  const requirements = policy.requirements.map((requirement, i) => {
    const query = dcql.credentials[i]!;
    if (presentationFailed) {
      return result(
        requirement,
        query.id,
        "not_met",
        `The presentation itself is not valid: ${presentationFailed.message}`,
      );
    }
    if (presentationUnknown) {
      return result(
        requirement,
        query.id,
        "unknown",
        `The presentation itself could not be fully checked: ${presentationUnknown.message}`,
      );
    }
    return evaluateOne(
      requirement,
      query.id,
      query,
      candidatesOf(outcome),
      outcome.credentials,
      now,
    );
  });
  return { outcome: overall(requirements), requirements };
}
