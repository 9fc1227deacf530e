"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useId, useState, type FormEvent } from "react";
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
  const headingId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState<WithdrawalReasonId>("UNSPECIFIED");

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onConfirm(reason);
  }

  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      busy={busy}
      maxWidth="w-[min(calc(100%-2rem),32rem)]"
      data-testid={testIds.governance.withdrawDialog}
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
    </ModalDialog>
  );
}
