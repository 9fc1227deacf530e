import { credentialTypes, isCredentialTypeName, valueAt } from "./credential-types";
import { subjectFields, type FieldDescriptor } from "./subject-fields";

/**
 * Turns any doctor credential's subject into what a person reads: a title, the key facts with
 * their labels, the period it speaks about, and the conditions on practice, apart so that every
 * screen can put them first. The wallet card, the verifier's report and the console's preview
 * all use it.
 *
 * Fields are read leniently, one by one, not through the schema: a credential that fails a check
 * is still shown (marked unconfirmed), a draft in the issue form is half filled in, and one
 * malformed field must not hide the others, above all not the conditions.
 */

export type DescribedField = {
  key: string;
  label: string;
  value: string;
  /** For lists (privileged procedures): one line per entry; `value` joins them. */
  items?: string[];
};
export type PracticeConditionView = { code: string | undefined; text: string };
export type CredentialDescription = {
  type: string;
  /** Readable type, e.g. "Medical licence". */
  title: string;
  holderName: string | undefined;
  fields: DescribedField[];
  period: {
    start: DescribedField | undefined;
    end: DescribedField | undefined;
  };
  conditions: {
    items: PracticeConditionView[];
    /** The credential lists conditions that could not be read: the reader must be told. */
    unreadable: boolean;
  };
};

export type DescribeInput = { type: string; subject: Record<string, unknown> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** "2016-07-14" → "14 Jul 2016"; anything else is shown as written. */
export function formatIsoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** "MedicalLicenseCredential" → "Medical licence"; unknown types are split at capitals. */
export function credentialTitle(type: string): string {
  if (isCredentialTypeName(type)) return credentialTypes[type].title;
  if (type === "VerifiableCredential") return "Credential";
  const words = type
    .replace(/Credential$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Credential";
}

function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function leafValue(field: FieldDescriptor, raw: unknown): string | undefined {
  // A value of the wrong kind is malformed: left out rather than shown as something it is not.
  if ((field.kind === "number") !== (typeof raw === "number")) return undefined;
  const value = text(raw);
  if (value === undefined) return undefined;
  if (field.kind === "date") return formatIsoDate(value);
  if (field.kind === "select") return field.options.find((o) => o.value === value)?.label ?? value;
  return value;
}

/** "Coronary angiography (33367005)": required parts first, optional ones in brackets. */
function itemLine(fields: FieldDescriptor[], item: unknown): string | undefined {
  if (typeof item === "string") return text(item);
  const record = asRecord(item);
  const main = fields.filter((f) => f.required).flatMap((f) => leafValue(f, record[f.key]) ?? []);
  const extra = fields.filter((f) => !f.required).flatMap((f) => leafValue(f, record[f.key]) ?? []);
  if (main.length === 0) return undefined;
  return extra.length > 0 ? `${main.join(", ")} (${extra.join(", ")})` : main.join(", ");
}

const NOT_FACTS = new Set(["id", "name", "conditions", "type"]);

function collect(
  fields: FieldDescriptor[],
  subject: Record<string, unknown>,
  skip: Set<string>,
): DescribedField[] {
  return fields.flatMap((field): DescribedField[] => {
    if (skip.has(field.path) || field.cardHidden) return [];
    if (field.kind === "group") return collect(field.fields, subject, skip);
    const raw = valueAt(subject, field.path);
    if (field.kind === "list") {
      const items = Array.isArray(raw) ? raw.flatMap((i) => itemLine(field.fields, i) ?? []) : [];
      return items.length > 0
        ? [{ key: field.path, label: field.label, value: items.join("; "), items }]
        : [];
    }
    const value = leafValue(field, raw);
    return value === undefined ? [] : [{ key: field.path, label: field.label, value }];
  });
}

function findField(fields: FieldDescriptor[], path: string): FieldDescriptor | undefined {
  for (const field of fields) {
    if (field.path === path) return field;
    if (field.kind === "group") {
      const found = findField(field.fields, path);
      if (found) return found;
    }
  }
  return undefined;
}

function readConditions(raw: unknown): CredentialDescription["conditions"] {
  if (raw === undefined || raw === null) return { items: [], unreadable: false };
  if (!Array.isArray(raw)) return { items: [], unreadable: true };
  const items: PracticeConditionView[] = [];
  let unreadable = false;
  for (const entry of raw) {
    if (typeof entry === "string" && entry.trim()) {
      items.push({ code: undefined, text: entry.trim() });
      continue;
    }
    const record = asRecord(entry);
    const body = typeof record.text === "string" ? text(record.text) : undefined;
    const code = typeof record.code === "string" ? text(record.code) : undefined;
    if (body) items.push({ code, text: body });
    else unreadable = true;
  }
  return { items, unreadable };
}

export function describeCredential({ type, subject }: DescribeInput): CredentialDescription {
  const known = isCredentialTypeName(type) ? credentialTypes[type] : undefined;
  const fields = known ? subjectFields(known.subjectSchema) : [];
  const periodPaths = known?.period ?? {};
  const periodField = (path: string | undefined): DescribedField | undefined => {
    const field = path ? findField(fields, path) : undefined;
    const value = field && leafValue(field, valueAt(subject, field.path));
    return field && value ? { key: field.path, label: field.label, value } : undefined;
  };
  const skip = new Set([...NOT_FACTS, ...Object.values(periodPaths)]);
  const facts = collect(fields, subject, skip);
  // Claims the schema does not know (another issuer's extension) are still shown, after the rest.
  const knownKeys = new Set(fields.map((f) => f.key));
  for (const [key, raw] of Object.entries(subject)) {
    if (knownKeys.has(key) || NOT_FACTS.has(key)) continue;
    const value = text(raw);
    if (value !== undefined) facts.push({ key, label: humanize(key), value });
  }
  return {
    type,
    title: credentialTitle(type),
    holderName: typeof subject.name === "string" ? text(subject.name) : undefined,
    fields: facts,
    period: { start: periodField(periodPaths.start), end: periodField(periodPaths.end) },
    conditions: readConditions(subject.conditions),
  };
}
