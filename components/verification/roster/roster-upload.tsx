"use client";

import { useId, useState, type DragEvent } from "react";
import { testIds } from "@/lib/test-ids";
import { Icon } from "../icon";
import { ROSTER_MAX_ENTRIES } from "./schemas";

/** The roster file picker, also a drop zone. The file is read in this browser only. */
export function RosterUpload({
  onFile,
  disabled,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  }

  return (
    <div className="space-y-2">
      <label
        htmlFor={inputId}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
          setDragging(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        aria-disabled={disabled || undefined}
        className={`has-[:focus-visible]:outline-brand-600 flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 ${
          dragging
            ? "border-brand-600 bg-brand-50"
            : "border-slate-300 bg-slate-50 hover:bg-slate-100"
        }`}
      >
        <Icon name="upload" className="mb-1 size-8 text-slate-500" />
        <span className="text-brand-700 text-sm font-medium">Choose a roster file</span>
        <span className="text-sm text-slate-600">or drag it here (CSV or JSON)</span>
        <input
          id={inputId}
          type="file"
          accept=".csv,.json,.txt,text/csv,application/json,text/plain"
          className="sr-only"
          aria-describedby={hintId}
          disabled={disabled}
          data-testid={testIds.roster.file}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Clear the picker so choosing the same file again runs it again.
            event.currentTarget.value = "";
            if (file) onFile(file);
          }}
        />
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        Up to {ROSTER_MAX_ENTRIES.toLocaleString("en-GB")} credentials. CSV: one credential JWT,
        presentation JWT or <code>VITAE1:</code> QR text per line, optionally with a header naming a{" "}
        <code>credential</code> and a <code>reference</code> column. JSON: an array of strings, or
        of <code>{"{ reference, credential }"}</code> objects. Nothing is uploaded: every check runs
        in this browser.
      </p>
    </div>
  );
}
