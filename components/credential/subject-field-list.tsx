import type { SubjectField } from "@/lib/wallet/describe-credential";

/** Labelled facts of a credential; a list (privileged procedures) gets one line per entry. */
export function SubjectFieldList({
  fields,
}: {
  fields: Pick<SubjectField, "key" | "label" | "value" | "items">[];
}) {
  if (fields.length === 0) return null;
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {fields.map((f) => (
        <div key={f.key} className={`min-w-0 ${f.items ? "sm:col-span-2" : ""}`}>
          <dt className="text-xs font-medium text-slate-500">{f.label}</dt>
          {f.items ? (
            <dd className="text-sm text-slate-900">
              <ul className="list-disc space-y-0.5 pl-5">
                {f.items.map((item, i) => (
                  <li key={i} className="break-words">
                    {item}
                  </li>
                ))}
              </ul>
            </dd>
          ) : (
            <dd className="text-sm break-words text-slate-900">{f.value}</dd>
          )}
        </div>
      ))}
    </dl>
  );
}
