import type { z } from "zod";

/**
 * Reads a subject schema into a tree of field descriptors: what the issue form renders and the
 * card labels, taken from the zod schema itself (its shape, optionality and `.meta()` labels).
 * Only the zod kinds the credential types use are understood; anything else is left out rather
 * than guessed. The Open Badges `type` arrays (tuples with a default) are not user input and are
 * skipped.
 */

type Base = {
  /** Dotted path in the subject, e.g. "specialty.code"; list items are not part of it. */
  path: string;
  key: string;
  label: string;
  help: string | undefined;
  required: boolean;
  /** Only shown when another field (absolute path) has one of these values. */
  showWhen: { path: string; in: string[] } | undefined;
  /** Not shown on cards (e.g. a code system URL). */
  cardHidden: boolean;
};

export type FieldDescriptor = Base &
  (
    | { kind: "text" | "date" | "url" }
    | { kind: "number"; integer: boolean }
    | { kind: "select"; options: { value: string; label: string }[] }
    | { kind: "group"; fields: FieldDescriptor[] }
    | {
        kind: "list";
        itemTitle: string;
        min: number;
        max: number | undefined;
        /** Fields of one item, with paths relative to the item. */
        fields: FieldDescriptor[];
      }
  );

type AnySchema = z.ZodType;
type Meta = Record<string, unknown>;

function defOf(schema: AnySchema): { type: string } & Record<string, unknown> {
  return (schema as unknown as { def: { type: string } & Record<string, unknown> }).def;
}

/** Peels optional/default wrappers, collecting metadata (outer wins) and optionality. */
function unwrap(schema: AnySchema): { inner: AnySchema; meta: Meta; optional: boolean } {
  let current = schema;
  let optional = false;
  let meta: Meta = {};
  for (;;) {
    meta = { ...(current.meta() ?? {}), ...meta };
    const def = defOf(current);
    if (def.type === "optional" || def.type === "default") {
      optional = true;
      current = def.innerType as AnySchema;
    } else {
      return { inner: current, meta, optional };
    }
  }
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lengthCheck(schema: AnySchema, check: "min_length" | "max_length"): number | undefined {
  const checks = (defOf(schema).checks ?? []) as { _zod: { def: Record<string, unknown> } }[];
  const found = checks.find((c) => c._zod.def.check === check)?._zod.def;
  const value = found?.[check === "min_length" ? "minimum" : "maximum"];
  return typeof value === "number" ? value : undefined;
}

function describeField(key: string, path: string, schema: AnySchema): FieldDescriptor | undefined {
  const { inner, meta, optional } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "tuple") return undefined;
  const showWhen = meta["x-show-when"] as Base["showWhen"];
  const base: Base = {
    path,
    key,
    label: typeof meta.title === "string" ? meta.title : humanize(key),
    help: typeof meta.description === "string" ? meta.description : undefined,
    required: !optional,
    showWhen,
    cardHidden: meta["x-card"] === false,
  };
  switch (def.type) {
    case "string": {
      const format = (inner as unknown as { format?: string | null }).format;
      if (meta.format === "date") return { ...base, kind: "date" };
      return { ...base, kind: format === "url" ? "url" : "text" };
    }
    case "number":
      return {
        ...base,
        kind: "number",
        integer: Boolean((inner as unknown as { isInt?: boolean }).isInt),
      };
    case "enum": {
      const values = (inner as unknown as { options: string[] }).options;
      const names = Array.isArray(meta.enumNames) ? (meta.enumNames as string[]) : [];
      return {
        ...base,
        kind: "select",
        options: values.map((value, i) => ({ value, label: names[i] ?? value })),
      };
    }
    case "object":
      return { ...base, kind: "group", fields: objectFields(inner, `${path}.`) };
    case "array": {
      const element = def.element as AnySchema;
      const elementDef = defOf(unwrap(element).inner);
      if (elementDef.type !== "object") return undefined;
      return {
        ...base,
        kind: "list",
        itemTitle: typeof meta["x-item-title"] === "string" ? meta["x-item-title"] : "Item",
        min: lengthCheck(inner, "min_length") ?? 0,
        max: lengthCheck(inner, "max_length"),
        fields: objectFields(unwrap(element).inner, ""),
      };
    }
    default:
      return undefined;
  }
}

function objectFields(schema: AnySchema, prefix: string): FieldDescriptor[] {
  const shape = (schema as unknown as { shape?: Record<string, AnySchema> }).shape ?? {};
  return Object.entries(shape).flatMap(([key, field]) => {
    const descriptor = describeField(key, `${prefix}${key}`, field);
    return descriptor ? [descriptor] : [];
  });
}

const cache = new WeakMap<AnySchema, FieldDescriptor[]>();

/** The top-level fields of a subject schema (an object schema), in declaration order. */
export function subjectFields(schema: AnySchema): FieldDescriptor[] {
  let fields = cache.get(schema);
  if (!fields) {
    fields = objectFields(unwrap(schema).inner, "");
    cache.set(schema, fields);
  }
  return fields;
}
