import { z } from "zod";

/**
 * Building blocks shared by the doctor credential types. Every field carries its human label
 * (`title`) and help text (`description`) as zod metadata: the issue form, the cards and the
 * published JSON Schema all read them from here, so a label is written once. A few extra
 * keywords steer the form and the card and are published as-is (unknown keywords are allowed in
 * JSON Schema): `enumNames` (labels of an enum's values, as in react-jsonschema-form),
 * `x-show-when` (a field that only applies to some values of another), `x-item-title` (what one
 * entry of a list is called), `x-card: false` (a detail cards leave out).
 */

export const didSchema = z
  .string()
  .regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+(#.*)?$/, "must be a DID, e.g. did:key:z6Mk…");

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as ISO `YYYY-MM-DD`; the message says which of shape or date is wrong. */
export function isoDate(meta: { title: string; description?: string }) {
  return z
    .string({ error: "must be a date as YYYY-MM-DD" })
    .regex(DATE_SHAPE, { error: "must be a date as YYYY-MM-DD, e.g. 2025-06-30", abort: true })
    .refine(isRealDate, { error: "is not a real calendar date" })
    .meta({ ...meta, format: "date" });
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Required text: trimmed, never empty, bounded. */
export function text(meta: { title: string; description?: string }, max = 200) {
  return z
    .string({ error: "is required" })
    .trim()
    .min(1, { error: "is required" })
    .max(max, { error: `must be at most ${max} characters` })
    .meta(meta);
}

export const holderNameSchema = text({
  title: "Doctor's full name",
  description: "As it appears on the doctor's identity documents.",
});

export const holderDidSchema = didSchema.meta({
  title: "Holder DID",
  description: "Leave empty to bind the credential to the wallet that claims it.",
});

/** "No independent surgery", optionally with the authority's own code, e.g. "SUP-REQ". */
export const practiceConditionSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, { error: "is required" })
      .max(64, { error: "must be at most 64 characters" })
      .optional()
      .meta({ title: "Code", description: "The authority's code for the condition, if any." }),
    text: text({ title: "Condition", description: "What the doctor may or may not do." }, 500),
  })
  .meta({ title: "Condition on practice" });

export const practiceConditionsSchema = z
  .array(practiceConditionSchema)
  .max(20, { error: "at most 20 conditions" })
  .optional()
  .meta({
    title: "Conditions on practice",
    description: "Limits on the doctor's practice. Verifiers see them first.",
    "x-item-title": "Condition",
  });

/** A start and an optional end; the end may not come before the start. */
export function periodSchema(meta: {
  title: string;
  start: string;
  end: string;
  endRequired?: boolean;
}) {
  const end = isoDate({ title: meta.end });
  return z
    .object({
      start: isoDate({ title: meta.start }),
      end: meta.endRequired ? end : end.optional(),
    })
    .refine((p) => !p.end || typeof p.start !== "string" || p.end >= p.start, {
      error: `must not be before ${meta.start.toLowerCase()}`,
      path: ["end"],
    })
    .meta({ title: meta.title });
}

/** Dates compared as strings: ISO dates sort like the days they name. */
export function notBefore(later: unknown, earlier: unknown): boolean {
  return typeof later !== "string" || typeof earlier !== "string" || later >= earlier;
}
