"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useId, useMemo, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { credentialTypes, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { testIds } from "@/lib/test-ids";
import {
  formFields,
  setDraftValue,
  subjectToDraft,
  validateDraft,
  type Draft,
  type DraftErrors,
  type DraftRow,
} from "./credential-draft";
import { CredentialFormField, spanOf } from "./credential-form-field";

/**
 * Corrects an issued credential: the form of its type, filled with what was issued. Submitting
 * issues the corrected credential (naming the old one as `previous`) and revokes the old one as
 * "superseded". A modal `<dialog>`, like the status change dialog.
 */
export function AmendDialog({
  type,
  subject,
  holderName,
  busy,
  serverErrors,
  onSubmit,
  onClose,
}: {
  type: CredentialTypeName;
  subject: Record<string, unknown>;
  holderName: string;
  busy: boolean;
  serverErrors: DraftErrors;
  onSubmit: (subject: Record<string, unknown>) => void;
  onClose: () => void;
}) {
  const headingId = useId();
  const fields = useMemo(() => formFields(type), [type]);
  const [draft, setDraft] = useState<Draft>(() => subjectToDraft(fields, subject));
  const [submitted, setSubmitted] = useState(false);
  const outcome = useMemo(() => validateDraft(type, draft), [type, draft]);
  const errors: DraftErrors = { ...("errors" in outcome ? outcome.errors : {}), ...serverErrors };
  const title = credentialTypes[type].title;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    if ("errors" in outcome) {
      e.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    onSubmit(outcome.body.subject);
  }

  const fieldProps = {
    values: draft,
    root: draft,
    prefix: "",
    errors,
    showError: (path: string) => submitted || path in serverErrors,
    onChange: (path: string, value: string | DraftRow[]) =>
      setDraft((d) => setDraftValue(d, path, value)),
    onBlur: () => undefined,
  };

  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      busy={busy}
      maxWidth="w-[min(calc(100%-2rem),44rem)]"
      data-testid={testIds.issuer.amendDialog}
    >
      <form className="grid gap-4 p-5" onSubmit={submit} noValidate>
        <h2 id={headingId} className="text-lg font-semibold">
          Correct this {title.toLowerCase()}
        </h2>
        <p className="text-sm text-slate-700">
          {title} of <span className="font-medium">{holderName}</span>. A corrected credential is
          issued that names this one as the one it replaces; this one is revoked with the reason
          “superseded”. The doctor gets a new claim link.
        </p>
        <fieldset disabled={busy} className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2">
          <legend className="sr-only">Corrected {title.toLowerCase()}</legend>
          {fields
            .filter((f) => f.key !== "id")
            .map((field) => (
              <div key={field.key} className={`min-w-0 ${spanOf(field)}`}>
                <CredentialFormField field={field} {...fieldProps} />
              </div>
            ))}
        </fieldset>
        {serverErrors[""] ? (
          <Alert tone="error" title="The correction was not issued">
            {serverErrors[""]}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} data-testid={testIds.issuer.amendSubmit}>
            Issue correction
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
