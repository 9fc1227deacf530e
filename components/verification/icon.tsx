import type { ReactNode } from "react";

/**
 * The few line icons the verifier uses. Always decorative (aria-hidden): every icon sits next to
 * text that says the same thing, because colour and shape alone do not reach everyone.
 */
const circle = <circle cx="12" cy="12" r="9" />;

const icons = {
  pass: (
    <>
      {circle}
      <path d="m8 12.5 2.5 2.5L16 9.5" />
    </>
  ),
  fail: (
    <>
      {circle}
      <path d="m9 9 6 6m0-6-6 6" />
    </>
  ),
  unknown: (
    <>
      {circle}
      <path d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.4c-.6.3-1 .8-1 1.5v.5" />
      <path d="M12 16.8h.01" />
    </>
  ),
  revoked: (
    <>
      {circle}
      <path d="m5.7 5.7 12.6 12.6" />
    </>
  ),
  suspended: (
    <>
      {circle}
      <path d="M10 9v6m4-6v6" />
    </>
  ),
  warning: (
    <>
      <path d="M10.3 3.9 2.4 17.6A2 2 0 0 0 4.1 20.6h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
      <path d="M12 9.5v4m0 3.2h.01" />
    </>
  ),
  upload: <path d="M12 15V4m0 0L8 8m4-4 4 4M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4" />,
  download: <path d="M12 4v11m0 0-4-4m4 4 4-4M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4" />,
  print: (
    <>
      <path d="M7 9V4h10v5" />
      <path d="M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2" />
      <path d="M7 14h10v6H7z" />
    </>
  ),
  camera: (
    <>
      <path d="M4 8a1 1 0 0 1 1-1h2.5l1.5-2h6l1.5 2H19a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1z" />
      <circle cx="12" cy="13" r="3.5" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof icons;

export function Icon({ name, className = "size-5" }: { name: IconName; className?: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`shrink-0 ${className}`}
    >
      {icons[name]}
    </svg>
  );
}
