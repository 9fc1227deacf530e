import type { z } from "zod";
import { medicalLicenseSubjectSchema } from "@/lib/credentials/schemas";
import { IssuerApiError, type IssueLicenseBody } from "./issuer-api";

/**
 * The licence form's state and its checks, apart from React so they can be tested alone. The
 * subject is checked with the schema the server applies, so most mistakes are caught without a
 * round trip; what the server still rejects comes back as `fields` and lands on the same keys.
 */

export const MAX_CONDITIONS = 20;

export type ConditionDraft = { rowId: number; code: string; text: string };
export type LicenseDraft = {
  name: string;
  licenseNumber: string;
  jurisdiction: string;
  scope: string;
  /** YYYY-MM-DD from a date input, or "". */
  validUntil: string;
  holderDid: string;
  conditions: ConditionDraft[];
};
/** Keyed by the subject path ("name", "conditions.0.text") or "validUntil"; "" for the form. */
export type LicenseDraftErrors = Record<string, string>;

export const emptyLicenseDraft: LicenseDraft = {
  name: "",
  licenseNumber: "",
  jurisdiction: "",
  scope: "",
  validUntil: "",
  holderDid: "",
  conditions: [],
};

/** Friendlier wording than zod's defaults; the schema's own messages (e.g. the DID's) still win. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "too_small" && issue.origin === "string") return "Required.";
  if (issue.code === "too_big" && issue.origin === "string") {
    return `At most ${String(issue.maximum)} characters.`;
  }
  if (issue.code === "too_big" && issue.origin === "array") {
    return `At most ${String(issue.maximum)} conditions.`;
  }
  return undefined;
}

/** The earliest end date the server accepts, as YYYY-MM-DD in the user's time zone. */
export function minValidUntil(now: Date = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function validateLicenseDraft(
  draft: LicenseDraft,
  now: Date = new Date(),
): { body: IssueLicenseBody } | { errors: LicenseDraftErrors } {
  const optional = (value: string) => value.trim() || undefined;
  const subject = {
    id: optional(draft.holderDid),
    name: draft.name.trim(),
    licenseNumber: draft.licenseNumber.trim(),
    jurisdiction: draft.jurisdiction.trim(),
    scope: optional(draft.scope),
    conditions:
      draft.conditions.length === 0
        ? undefined
        : draft.conditions.map((c) => ({ code: optional(c.code), text: c.text.trim() })),
  };
  const errors: LicenseDraftErrors = {};
  const parsed = medicalLicenseSubjectSchema.safeParse(subject, { error: issueMessage });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  }
  // The server reads a bare date as midnight UTC, so today is already in the past.
  if (draft.validUntil && draft.validUntil < minValidUntil(now)) {
    errors.validUntil = "Must lie in the future.";
  }
  if (!parsed.success || errors.validUntil) return { errors };
  return {
    body: {
      type: "MedicalLicenseCredential",
      subject: parsed.data,
      ...(draft.validUntil ? { validUntil: draft.validUntil } : {}),
    },
  };
}

const fieldKeys = new Set(["id", "name", "licenseNumber", "jurisdiction", "scope", "validUntil"]);

/**
 * Server field keys are request paths: "subject.name" belongs to the "name" field. The server
 * reports condition errors only as "subject.conditions"; they show under the list. Anything that
 * belongs to no field joins the message at the top of the form.
 */
export function serverFieldErrors(err: Error): LicenseDraftErrors {
  const errors: LicenseDraftErrors = {};
  const fields = err instanceof IssuerApiError ? err.fields : undefined;
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const key = path.startsWith("subject.") ? path.slice("subject.".length) : path;
    if (fieldKeys.has(key) || key.startsWith("conditions")) {
      errors[key] = messages.join(" ");
    } else {
      unplaced.push(`${path}: ${messages.join(" ")}`);
    }
  }
  errors[""] = [err.message, ...unplaced].join(" ");
  return errors;
}
