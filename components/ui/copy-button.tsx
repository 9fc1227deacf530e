"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "failed";

export type CopyText = {
  copy: string;
  copied: string;
  copiedLabel: (label: string) => string;
  failed: string;
};

const copyText: CopyText = {
  copy: "Copy",
  copied: "Copied",
  copiedLabel: (label) => `${label} copied`,
  failed: "Copy failed: select the text instead",
};

/** Copies `value`; says so in a live region, since the button's own text change is easy to miss. */
export function CopyButton({
  value,
  label,
  "data-testid": testId,
  text = copyText,
}: {
  value: string;
  /** What is copied, for screen readers: "Copy <label>". */
  label: string;
  "data-testid"?: string;
  /** The button's words in another language (the wallet's); English by default. */
  text?: CopyText;
}) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // No clipboard outside secure contexts (e.g. http on a LAN address) or without permission.
      setState("failed");
    }
    timer.current = setTimeout(() => setState("idle"), 2500);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" className="min-h-9 px-3 py-1" onClick={copy} data-testid={testId}>
        {state === "copied" ? text.copied : text.copy}
        <span className="sr-only"> {label}</span>
      </Button>
      <span role="status" className={state === "failed" ? "text-xs text-red-700" : "sr-only"}>
        {state === "copied" ? text.copiedLabel(label) : state === "failed" ? text.failed : ""}
      </span>
    </span>
  );
}
