"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";

const copy = {
  revoke: {
    title: "Revoke this licence?",
    body: "Revocation is final: the credential can never be reinstated. Verifiers see it as revoked as soon as the new status list is published.",
    confirm: "Revoke credential",
  },
  suspend: {
    title: "Suspend this licence?",
    body: "Verifiers see the credential as suspended until you reinstate it.",
    confirm: "Suspend credential",
  },
} as const;

/**
 * Confirms a revocation or suspension and asks for an optional reason, which is kept with the
 * credential for the issuer's own records. A modal `<dialog>`: the browser makes the page behind
 * it inert, moves focus in and closes it on Escape; focus goes back to the opener on unmount.
 */
export function StatusChangeDialog({
  action,
  holderName,
  busy,
  onConfirm,
  onClose,
}: {
  action: keyof typeof copy;
  holderName: string;
  busy: boolean;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [reason, setReason] = useState("");
  const text = copy[action];

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

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onConfirm(reason.trim() || undefined);
  }

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={headingId}
      data-testid={testIds.issuer.statusDialog}
      // Escape would otherwise close the dialog while the request is still running.
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      // The "close" event is queued, so a close from our own cleanup (React's double mount in
      // development) arrives after the reopen and is ignored.
      onClose={(e) => {
        if (!e.currentTarget.open) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(calc(100%-2rem),30rem)] overflow-y-auto overscroll-contain rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/60"
    >
      <form className="grid gap-4 p-5" onSubmit={submit}>
        <h2 id={headingId} className="text-lg font-semibold">
          {text.title}
        </h2>
        <p className="text-sm text-slate-700">
          Medical licence of <span className="font-medium">{holderName}</span>.
        </p>
        <p className="text-sm text-slate-700">{text.body}</p>
        <TextField
          label="Reason (optional)"
          hint="Kept with the credential in your records; the public status list carries no reason."
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          disabled={busy}
          data-testid={testIds.issuer.statusReason}
        />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={action === "revoke" ? "danger" : "primary"}
            busy={busy}
            data-testid={testIds.issuer.confirmStatusChange}
          >
            {text.confirm}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
