import {
  credentialTypes,
  subjectValidUntil,
  valueAt,
  type CredentialTypeName,
} from "@/lib/credentials/credential-types";
import { subjectFields, type FieldDescriptor } from "@/lib/credentials/subject-fields";
import { IssuerApiError, type IssueCredentialBody } from "./issuer-api";

/**
 * The issue form's state and its checks, apart from React so they can be tested alone. The form
 * is generated from the type's field descriptors (lib/credentials/subject-fields.ts); its state is
 * a draft shaped like the subject, with text for every input. The subject is checked with the
 * schema the server applies, so mistakes show on their field without a round trip; what the
 * server still rejects comes back as `fields` and lands on the same paths.
 */

export type DraftRow = { rowId: number; values: Draft };
export type Draft = { [key: string]: string | Draft | DraftRow[] };
/** Keyed by subject path ("name", "period.end", "procedures.0.label"); "" for the whole form. */
export type DraftErrors = Record<string, string>;

let nextRowId = 0;

export function emptyRow(fields: FieldDescriptor[]): DraftRow {
  return { rowId: ++nextRowId, values: emptyDraft(fields) };
}

export function emptyDraft(fields: FieldDescriptor[]): Draft {
  const draft: Draft = {};
  for (const field of fields) {
    if (field.kind === "group") draft[field.key] = emptyDraft(field.fields);
    else if (field.kind === "list") {
      draft[field.key] = Array.from({ length: field.min }, () => emptyRow(field.fields));
    } else draft[field.key] = "";
  }
  return draft;
}

export function formFields(type: CredentialTypeName): FieldDescriptor[] {
  return subjectFields(credentialTypes[type].subjectSchema);
}

/** A copy of the draft with `value` at a dotted path of plain keys and row indexes. */
export function setDraftValue(draft: Draft, path: string, value: string | DraftRow[]): Draft {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return draft;
  const current = draft[head];
  if (rest.length === 0) return { ...draft, [head]: value };
  if (Array.isArray(current)) {
    const [index, ...inner] = rest;
    return {
      ...draft,
      [head]: current.map((row, i) =>
        String(i) === index
          ? { ...row, values: setDraftValue(row.values, inner.join("."), value) }
          : row,
      ),
    };
  }
  return {
    ...draft,
    [head]: setDraftValue(typeof current === "object" ? current : {}, rest.join("."), value),
  };
}

export function isShown(field: FieldDescriptor, root: Draft): boolean {
  if (!field.showWhen) return true;
  const value = valueAt(root, field.showWhen.path);
  return typeof value === "string" && field.showWhen.in.includes(value);
}

/**
 * The subject as the API takes it: trimmed text, empty optional fields left out, numbers as
 * numbers (text that is no number stays text, so the schema names the mistake), fields that do
 * not apply to the chosen kind dropped.
 */
export function draftToSubject(
  fields: FieldDescriptor[],
  draft: Draft,
  root: Draft = draft,
): Record<string, unknown> {
  const subject: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isShown(field, root)) continue;
    const raw = draft[field.key];
    let value: unknown;
    if (field.kind === "group") {
      const inner = draftToSubject(
        field.fields,
        typeof raw === "object" && !Array.isArray(raw) ? raw : {},
        root,
      );
      value = Object.keys(inner).length > 0 || field.required ? inner : undefined;
    } else if (field.kind === "list") {
      const rows = Array.isArray(raw) ? raw : [];
      value =
        rows.length > 0 || field.required
          ? rows.map((r) => draftToSubject(field.fields, r.values, root))
          : undefined;
    } else {
      const text = typeof raw === "string" ? raw.trim() : "";
      if (text === "") value = undefined;
      else if (field.kind === "number") value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
      else value = text;
    }
    if (value !== undefined) subject[field.key] = value;
  }
  return subject;
}

function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function validateDraft(
  type: CredentialTypeName,
  draft: Draft,
  now: Date = new Date(),
):
  | { body: IssueCredentialBody; subject: Record<string, unknown> }
  | { errors: DraftErrors; subject: Record<string, unknown> } {
  const subject = draftToSubject(formFields(type), draft);
  const errors: DraftErrors = {};
  const parsed = credentialTypes[type].subjectSchema.safeParse(subject);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors[issue.path.join(".")] ??= sentence(issue.message);
    }
  }
  // The credential ends with this date: one already past would be refused by the server.
  const ends = subjectValidUntil(type, subject);
  if (ends && !errors[ends.path] && ends.until.slice(0, 10) < isoDay(now)) {
    errors[ends.path] = "Must not lie in the past: the credential would expire at once.";
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors, subject };
  return { body: { type, subject: parsed.data }, subject };
}

/** "is required" → "Is required." */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/**
 * Server field keys are request paths: "subject.period.end" belongs to the "period.end" field.
 * Anything that belongs to no subject field joins the message at the top of the form.
 */
export function serverFieldErrors(err: Error): DraftErrors {
  const errors: DraftErrors = {};
  const fields = err instanceof IssuerApiError ? err.fields : undefined;
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(fields ?? {})) {
    if (path.startsWith("subject."))
      errors[path.slice("subject.".length)] = sentence(messages.join(" "));
    else unplaced.push(`${path}: ${messages.join(" ")}`);
  }
  errors[""] = [err.message, ...unplaced].join(" ");
  return errors;
}

/** A draft filled from an issued subject (to correct it): the inverse of draftToSubject. */
export function subjectToDraft(fields: FieldDescriptor[], subject: Record<string, unknown>): Draft {
  const draft = emptyDraft(fields);
  for (const field of fields) {
    const value = subject[field.key];
    if (field.kind === "group") {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        draft[field.key] = subjectToDraft(field.fields, value as Record<string, unknown>);
      }
    } else if (field.kind === "list") {
      if (Array.isArray(value)) {
        draft[field.key] = value.map((item) => ({
          ...emptyRow(field.fields),
          values: subjectToDraft(
            field.fields,
            typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {},
          ),
        }));
      }
    } else if (typeof value === "string" || typeof value === "number") {
      draft[field.key] = String(value);
    }
  }
  return draft;
}
