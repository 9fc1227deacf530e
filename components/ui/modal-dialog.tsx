"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A native modal `<dialog>`, open while mounted: the browser makes the page behind it inert,
 * moves focus in and closes it on Escape; unmounting closes it and gives focus back to whatever
 * opened it. While `busy`, Escape does not close it (a request is still running).
 *
 * The "close" event is queued, so a close from our own cleanup (React's double mount in
 * development) arrives after the reopen and is ignored.
 */
export function ModalDialog({
  labelledBy,
  onClose,
  busy = false,
  maxWidth,
  children,
  "data-testid": testId,
}: {
  /** The id of the dialog's heading. */
  labelledBy: string;
  onClose: () => void;
  busy?: boolean;
  /** Tailwind width class for the panel, e.g. "w-[min(calc(100%-2rem),30rem)]". */
  maxWidth: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClose={(e) => {
        if (!e.currentTarget.open) onClose();
      }}
      className={`m-auto max-h-[calc(100dvh-2rem)] ${maxWidth} overflow-y-auto overscroll-contain rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/60`}
    >
      {children}
    </dialog>
  );
}
