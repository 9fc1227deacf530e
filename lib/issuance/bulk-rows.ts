import "server-only";
import {
  credentialTypes,
  subjectValidUntil,
  type CredentialTypeName,
} from "@/lib/credentials/credential-types";
import { subjectFields, type FieldDescriptor } from "@/lib/credentials/subject-fields";
import type { CsvTable } from "./bulk-csv";

/**
 * Turns the rows of a CSV file into credential subjects of one type: which column feeds which
 * subject field (matched by header, or chosen by the issuer), which column is the row key, and
 * each row checked against the type's zod schema. Errors name the file's row number (the header
 * is row 1, as a spreadsheet shows it), the subject field and the column.
 */

export type BulkField = {
  /** Dotted subject path, e.g. "specialty.code". */
  path: string;
  label: string;
  required: boolean;
  kind: FieldDescriptor["kind"];
  /** For a list: how to write several items in one cell. */
  hint?: string;
};

/** Column name (as in the header) per subject path; unmapped paths are absent. */
export type BulkMapping = Record<string, string>;

export type BulkRowError = { row: number; field: string; column: string | null; message: string };

export type BulkRow = { rowNumber: number; rowKey: string; subject: Record<string, unknown> };

export const ROW_KEY_HEADER = "row_key";

/** The subject fields a CSV column can fill: every leaf, groups flattened, simple lists. */
export function bulkFields(type: CredentialTypeName): BulkField[] {
  const out: BulkField[] = [];
  const walk = (fields: FieldDescriptor[], parentRequired: boolean) => {
    for (const f of fields) {
      if (f.kind === "group") walk(f.fields, parentRequired && f.required);
      else if (f.kind === "list") {
        if (f.fields.every((i) => i.kind === "text")) {
          out.push({
            path: f.path,
            label: f.label,
            required: f.min > 0,
            kind: f.kind,
            hint: listHint(f),
          });
        }
      } else
        out.push({
          path: f.path,
          label: f.label,
          required: parentRequired && f.required,
          kind: f.kind,
        });
    }
  };
  walk(subjectFields(credentialTypes[type].subjectSchema), true);
  return out;
}

function listHint(f: Extract<FieldDescriptor, { kind: "list" }>): string {
  const hasCode = f.fields.some((i) => i.key === "code");
  return hasCode
    ? `${f.itemTitle}s separated by ";", each optionally starting with its code, e.g. "SUP-REQ: Supervision required; No night shifts"`
    : `${f.itemTitle}s separated by ";"`;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Matches headers to fields by path, last path segment or label, ignoring case and punctuation. */
export function autoMapping(headers: string[], fields: BulkField[]): BulkMapping {
  const mapping: BulkMapping = {};
  const used = new Set<string>();
  const candidates = (f: BulkField) => [
    f.path,
    f.path.replace(/\./g, "_"),
    f.path.split(".").at(-1) ?? f.path,
    f.label,
    // British and American spellings of the same field ("licence number").
    f.label.replace(/licence/gi, "license"),
  ];
  for (const f of fields) {
    for (const candidate of candidates(f)) {
      const header = headers.find((h) => !used.has(h) && norm(h) === norm(candidate));
      if (header) {
        mapping[f.path] = header;
        used.add(header);
        break;
      }
    }
  }
  return mapping;
}

/** The row key column: a `row_key` column if there is one, else the licence/registration number. */
export function defaultRowKeyColumn(headers: string[], mapping: BulkMapping): string | undefined {
  return (
    headers.find((h) => norm(h) === norm(ROW_KEY_HEADER)) ??
    mapping.licenseNumber ??
    mapping["registration.number"] ??
    undefined
  );
}

/** Required fields that no column feeds, as field-level errors keyed `mapping.<path>`. */
export function missingColumns(fields: BulkField[], mapping: BulkMapping, headers: string[]) {
  const errors: Record<string, string[]> = {};
  for (const f of fields) {
    const column = mapping[f.path];
    if (column !== undefined && !headers.includes(column)) {
      errors[`mapping.${f.path}`] = [`the file has no column "${column}"`];
    } else if (f.required && column === undefined) {
      errors[`mapping.${f.path}`] = [`${f.label} is required: choose the column that holds it`];
    }
  }
  return errors;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node = (node[key] ??= {}) as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

const CODED_ITEM = /^([A-Za-z0-9._-]{1,64}):\s*(.+)$/;

function cellValue(field: BulkField, cell: string, type: CredentialTypeName): unknown {
  if (field.kind === "number") return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  if (field.kind === "list") {
    const list = subjectFields(credentialTypes[type].subjectSchema).find(
      (f) => f.path === field.path,
    );
    const items = list?.kind === "list" ? list.fields : [];
    const textKey = items.find((i) => i.key !== "code" && i.required)?.key ?? "text";
    const hasCode = items.some((i) => i.key === "code");
    return cell
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((item) => {
        const coded = hasCode ? CODED_ITEM.exec(item) : null;
        return coded ? { code: coded[1], [textKey]: coded[2] } : { [textKey]: item };
      });
  }
  return cell;
}

/**
 * Checks every row; returns the valid ones with their subjects and an error per problem. A row
 * key must be present and unique within the file (it is what makes a re-upload harmless).
 */
export function validateBulkRows(
  table: CsvTable,
  type: CredentialTypeName,
  mapping: BulkMapping,
  rowKeyColumn: string,
  now: Date = new Date(),
): { valid: BulkRow[]; errors: BulkRowError[]; invalidRows: number } {
  const fields = bulkFields(type);
  const schema = credentialTypes[type].subjectSchema;
  const columnIndex = new Map(table.headers.map((h, i) => [h, i]));
  const keyIndex = columnIndex.get(rowKeyColumn);
  const mapped = fields.flatMap((f) => {
    const column = mapping[f.path];
    const index = column === undefined ? undefined : columnIndex.get(column);
    return index === undefined ? [] : [{ field: f, column: column!, index }];
  });
  const columnOf = (path: string) =>
    mapped.find((m) => path === m.field.path || path.startsWith(`${m.field.path}.`))?.column ??
    null;

  const valid: BulkRow[] = [];
  const errors: BulkRowError[] = [];
  const firstRowByKey = new Map<string, number>();
  let invalidRows = 0;
  table.rows.forEach((cells, i) => {
    const row = i + 2;
    const rowErrors: BulkRowError[] = [];
    const rowKey = (keyIndex === undefined ? "" : (cells[keyIndex] ?? "")).trim();
    if (!rowKey) {
      rowErrors.push({ row, field: "rowKey", column: rowKeyColumn, message: "row key is empty" });
    } else if (rowKey.length > 200) {
      rowErrors.push({
        row,
        field: "rowKey",
        column: rowKeyColumn,
        message: "row key is longer than 200 characters",
      });
    } else if (firstRowByKey.has(rowKey)) {
      rowErrors.push({
        row,
        field: "rowKey",
        column: rowKeyColumn,
        message: `row key "${rowKey}" repeats row ${firstRowByKey.get(rowKey)}`,
      });
    } else firstRowByKey.set(rowKey, row);

    const subject: Record<string, unknown> = {};
    for (const { field, index } of mapped) {
      const cell = (cells[index] ?? "").trim();
      if (cell !== "") setPath(subject, field.path, cellValue(field, cell, type));
    }
    const parsed = schema.safeParse(subject);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".");
        rowErrors.push({ row, field, column: columnOf(field), message: issue.message });
      }
    } else {
      const until = subjectValidUntil(type, parsed.data);
      if (until && new Date(until.until).getTime() <= now.getTime()) {
        rowErrors.push({
          row,
          field: until.path,
          column: columnOf(until.path),
          message: "must lie in the future",
        });
      }
    }
    if (rowErrors.length > 0) {
      invalidRows++;
      errors.push(...rowErrors);
    } else if (parsed.success) {
      valid.push({ rowNumber: row, rowKey, subject: parsed.data });
    }
  });
  return { valid, errors, invalidRows };
}
