"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { FieldDescriptor } from "@/lib/credentials/subject-fields";
import { testIds } from "@/lib/test-ids";
import { emptyRow, isShown, type Draft, type DraftErrors, type DraftRow } from "./credential-draft";

/**
 * One field of the generated issue form, by its descriptor's kind: text, date, number, select,
 * a group (fieldset) or a repeatable list with add and remove. Paths are absolute in the draft
 * ("procedures.0.label"), which is how errors are keyed too.
 */

export type FieldProps = {
  field: FieldDescriptor;
  /** The draft object holding this field (the root, a group's or a list row's values). */
  values: Draft;
  root: Draft;
  /** The absolute path of `values` in the draft, "" at the root. */
  prefix: string;
  /** A label suffix for fields inside list rows, e.g. " 1". */
  ordinal?: string;
  errors: DraftErrors;
  /** Whether an error at this path should show yet (touched, or after a submit). */
  showError: (path: string) => boolean;
  onChange: (path: string, value: string | DraftRow[]) => void;
  onBlur: (path: string) => void;
};

export function CredentialFormField(props: FieldProps) {
  const { field, values, root, prefix, ordinal = "", errors, showError, onChange, onBlur } = props;
  if (!isShown(field, root)) return null;
  const path = `${prefix}${field.key}`;
  const error = showError(path) ? errors[path] : undefined;
  const label = `${field.label}${ordinal}${field.required ? "" : " (optional)"}`;
  const raw = values[field.key];
  const text = typeof raw === "string" ? raw : "";
  const common = {
    label,
    hint: field.help,
    error,
    name: path,
    onBlur: () => onBlur(path),
  };

  switch (field.kind) {
    case "text":
    case "url":
      return (
        <TextField
          {...common}
          type={field.kind === "url" ? "url" : "text"}
          value={text}
          onChange={(e) => onChange(path, e.target.value)}
        />
      );
    case "date":
      return (
        <TextField
          {...common}
          type="date"
          value={text}
          onChange={(e) => onChange(path, e.target.value)}
        />
      );
    case "number":
      return (
        <TextField
          {...common}
          type="text"
          inputMode={field.integer ? "numeric" : "decimal"}
          value={text}
          onChange={(e) => onChange(path, e.target.value)}
        />
      );
    case "select":
      return (
        <SelectField {...common} value={text} onChange={(e) => onChange(path, e.target.value)}>
          <option value="">Choose…</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      );
    case "group": {
      const inner = typeof raw === "object" && !Array.isArray(raw) ? raw : {};
      return (
        <fieldset className="grid min-w-0 gap-4 sm:col-span-2 sm:grid-cols-2">
          {/* A group of one field (criteria → narrative) would repeat its label: keep it for screen readers only. */}
          <legend
            className={
              field.fields.length === 1 ? "sr-only" : "mb-1 text-sm font-semibold text-slate-900"
            }
          >
            {field.label}
          </legend>
          {field.fields.map((child) => (
            <div key={child.key} className={spanOf(child)}>
              <CredentialFormField {...props} field={child} values={inner} prefix={`${path}.`} />
            </div>
          ))}
        </fieldset>
      );
    }
    case "list":
      return (
        <ListField {...props} field={field} rows={Array.isArray(raw) ? raw : []} path={path} />
      );
  }
}

function ListField(
  props: FieldProps & {
    field: Extract<FieldDescriptor, { kind: "list" }>;
    rows: DraftRow[];
    path: string;
  },
) {
  const { field, rows, path, errors, showError, onChange } = props;
  const listError = showError(path) ? errors[path] : undefined;
  const full = field.max !== undefined && rows.length >= field.max;
  return (
    <fieldset
      className="grid min-w-0 gap-3 sm:col-span-2"
      aria-describedby={listError ? `${path}-error` : undefined}
    >
      <legend className="text-sm font-semibold text-slate-900">
        {field.label}
        {field.required ? "" : " (optional)"}
      </legend>
      {field.help ? <p className="text-xs text-slate-600">{field.help}</p> : null}
      {rows.length === 0 ? <p className="text-xs text-slate-600">None added.</p> : null}
      {rows.map((row, i) => (
        <div
          key={row.rowId}
          className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[10rem_minmax(0,1fr)_auto] sm:items-start"
        >
          {field.fields.map((child) => (
            <CredentialFormField
              key={child.key}
              {...props}
              field={child}
              values={row.values}
              prefix={`${path}.${i}.`}
              ordinal={` ${i + 1}`}
            />
          ))}
          <Button
            variant="ghost"
            className="sm:mt-6"
            disabled={rows.length <= field.min}
            onClick={() =>
              onChange(
                path,
                rows.filter((r) => r.rowId !== row.rowId),
              )
            }
          >
            Remove
            <span className="sr-only">
              {" "}
              {field.itemTitle.toLowerCase()} {i + 1}
            </span>
          </Button>
        </div>
      ))}
      {listError ? (
        <p id={`${path}-error`} className="text-xs font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      <div>
        <Button
          variant="secondary"
          onClick={() => onChange(path, [...rows, emptyRow(field.fields)])}
          disabled={full}
          data-testid={
            path === "conditions"
              ? testIds.issuer.addCondition
              : `${testIds.issuer.addListItem}-${path}`
          }
        >
          Add {rows.length > 0 ? "another" : "a"} {field.itemTitle.toLowerCase()}
        </Button>
      </div>
    </fieldset>
  );
}

/** Long or structured fields take the full width of the two-column grid. */
export function spanOf(field: FieldDescriptor): string {
  if (field.kind === "group" || field.kind === "list") return "sm:col-span-2";
  if (
    ["name", "description", "narrative", "scope", "programme", "institution", "facility"].includes(
      field.key,
    )
  ) {
    return "sm:col-span-2";
  }
  return "";
}
