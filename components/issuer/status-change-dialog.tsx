"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useId, useState, type FormEvent } from "react";
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
  const headingId = useId();
  const [reason, setReason] = useState("");
  const text = copy[action];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onConfirm(reason.trim() || undefined);
  }

  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      busy={busy}
      maxWidth="w-[min(calc(100%-2rem),30rem)]"
      data-testid={testIds.issuer.statusDialog}
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
    </ModalDialog>
  );
}
