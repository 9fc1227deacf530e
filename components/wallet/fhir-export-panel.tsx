"use client";

import { useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { testIds } from "@/lib/test-ids";
import { practitionerExport } from "@/lib/wallet/practitioner-export";
import type { StoredCredential } from "@/lib/wallet/schemas";
import { useWalletText } from "./wallet-text";

/**
 * "Export FHIR Practitioner": the selected credentials (all, when none is selected) as one FHIR R4
 * Practitioner resource, downloaded as practitioner.json and previewed below. Built in this
 * browser; nothing is sent anywhere.
 */
export function FhirExportPanel({
  credentials,
  selected,
  onClearSelection,
}: {
  credentials: StoredCredential[];
  selected: ReadonlySet<string>;
  onClearSelection: () => void;
}) {
  const { t } = useWalletText();
  const chosen = useMemo(
    () => (selected.size ? credentials.filter((c) => selected.has(c.id)) : credentials),
    [credentials, selected],
  );
  const result = useMemo(() => practitionerExport(chosen), [chosen]);
  const json = result.ok ? JSON.stringify(result.practitioner, null, 2) : "";

  function download() {
    const url = URL.createObjectURL(new Blob([json], { type: "application/fhir+json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "practitioner.json";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const what = selected.size ? t.fhir.selected(chosen.length) : t.fhir.all(chosen.length);

  return (
    <Card className="grid min-w-0 gap-3">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t.fhir.title}</h2>
        <p className="text-sm text-slate-600">{t.fhir.body}</p>
      </div>
      {result.ok ? (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <Button onClick={download} data-testid={testIds.wallet.exportFhir}>
              {t.fhir.export}
            </Button>
            <span className="text-sm text-slate-600">{what}</span>
            {selected.size ? (
              <Button variant="ghost" onClick={onClearSelection}>
                {t.fhir.exportAll}
              </Button>
            ) : null}
          </div>
          <details className="min-w-0">
            <summary className="text-brand-700 cursor-pointer text-sm font-medium hover:underline">
              {t.fhir.preview}
            </summary>
            <pre
              tabIndex={0}
              aria-label={t.fhir.previewLabel}
              data-testid={testIds.wallet.fhirPreview}
              className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-100"
            >
              {json}
            </pre>
          </details>
        </>
      ) : (
        <Alert tone="warning" title={t.fhir.nothingTitle}>
          {t.fhir.errors[result.code] ?? result.message}
        </Alert>
      )}
    </Card>
  );
}
