import type { SubjectField } from "@/lib/wallet/describe-credential";

export function SubjectFieldList({
  fields,
}: {
  fields: Pick<SubjectField, "key" | "label" | "value">[];
}) {
  if (fields.length === 0) return null;
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {fields.map((f) => (
        <div key={f.key} className="min-w-0">
          <dt className="text-xs font-medium text-slate-500">{f.label}</dt>
          <dd className="text-sm break-words text-slate-900">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
