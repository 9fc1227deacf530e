"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { withdrawalReasons, type WithdrawalReasonId } from "@/lib/trust/schemas";
import { testIds } from "@/lib/test-ids";

/**
 * Confirms withdrawing an accreditation, with an optional coded reason (codes only: the ledger is
 * public and permanent). A modal `<dialog>`, like the issuer console's status dialog.
 */
export function WithdrawDialog({
  issuerName,
  did,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  issuerName: string;
  did: string;
  busy: boolean;
  error: string | undefined;
  onConfirm: (reason: WithdrawalReasonId) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState<WithdrawalReasonId>("UNSPECIFIED");

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
    onConfirm(reason);
  }

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={headingId}
      data-testid={testIds.governance.withdrawDialog}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClose={(e) => {
        if (!e.currentTarget.open) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(calc(100%-2rem),32rem)] overflow-y-auto overscroll-contain rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/60"
    >
      <form className="grid gap-4 p-5" onSubmit={submit}>
        <h2 id={headingId} className="text-lg font-semibold">
          Withdraw this accreditation?
        </h2>
        <div className="text-sm text-slate-700">
          <p className="font-medium text-slate-900">{issuerName}</p>
          <p className="font-mono text-xs break-all text-slate-600">{did}</p>
        </div>
        <p className="text-sm text-slate-700">
          From the next block, verifiers report every credential this institution issued as
          &ldquo;accreditation withdrawn&rdquo;. The withdrawal stays on the ledger; accrediting the
          institution again lifts it.
        </p>
        <div>
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-800">
            Reason (published as a code)
          </label>
          <select
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value as WithdrawalReasonId)}
            disabled={busy}
            data-testid={testIds.governance.withdrawReason}
            className="focus:border-brand-600 mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            {withdrawalReasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {error ? (
          <Alert tone="error" title="The withdrawal was not recorded">
            {error}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            busy={busy}
            data-testid={testIds.governance.confirmWithdraw}
          >
            {busy ? "Recording on the ledger…" : "Withdraw accreditation"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
