import type { ReactNode } from "react";

export type BadgeTone = "success" | "danger" | "warning" | "neutral" | "info";

const tones: Record<BadgeTone, string> = {
  success: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  danger: "bg-red-100 text-red-900 ring-red-300",
  warning: "bg-amber-100 text-amber-900 ring-amber-300",
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  info: "bg-sky-100 text-sky-900 ring-sky-300",
};

export function Badge({
  tone = "neutral",
  children,
  ...rest
}: {
  tone?: BadgeTone;
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}
      {...rest}
    >
      {children}
    </span>
  );
}
