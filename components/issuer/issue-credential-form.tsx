"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { credentialTypes, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import {
  emptyDraft,
  formFields,
  serverFieldErrors,
  setDraftValue,
  validateDraft,
  type Draft,
  type DraftErrors,
  type DraftRow,
} from "./credential-draft";
import { CredentialFormField, spanOf } from "./credential-form-field";
import { CredentialPreview } from "./credential-preview";
import { issuerApi, type IssuedCredential, type IssuerSession } from "./issuer-api";

/**
 * Issue one credential of any type the signed-in issuer may issue. The form is generated from the
 * type's schema (labels, help, kinds of input, repeatable lists), checked as the issuer types
 * with the schema the server applies (messages show once a field was left, or after a submit),
 * and drawn live as the card the doctor will get. The server's own field errors land on the same
 * fields, and focus goes to the first one.
 */
export function IssueCredentialForm({
  session,
  issuerName,
  types,
  onIssued,
  aside,
}: {
  session: IssuerSession;
  issuerName: string;
  types: CredentialTypeName[];
  onIssued: (credential: IssuedCredential, holderName: string, title: string) => void;
  /** Shown above the preview, e.g. the last result. */
  aside?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [type, setType] = useState<CredentialTypeName>(types[0] ?? "MedicalLicenseCredential");
  const fields = useMemo(() => formFields(type), [type]);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(fields));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<DraftErrors>({});
  // Bumped after each rejected submit, so focus moves to the first field that needs attention.
  const [focusRequest, setFocusRequest] = useState(0);
  const definition = credentialTypes[type];

  const outcome = useMemo(() => validateDraft(type, draft), [type, draft]);
  const errors: DraftErrors = { ...("errors" in outcome ? outcome.errors : {}), ...serverErrors };

  const issue = useMutation({
    mutationFn: (body: Parameters<typeof issuerApi.issueCredential>[1]) =>
      issuerApi.issueCredential(session, body),
    onSuccess: (credential, body) => {
      reset(type);
      onIssued(credential, String(body.subject.name ?? ""), definition.title);
      void queryClient.invalidateQueries({ queryKey: queryKeys.issuerCredentials(session.slug) });
    },
    onError: (err) => {
      setServerErrors(serverFieldErrors(err));
      setFocusRequest((n) => n + 1);
    },
  });

  // Waits for the request to settle: until then the fieldset is disabled and cannot take focus.
  useEffect(() => {
    if (focusRequest === 0 || issue.isPending) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest, issue.isPending]);

  function reset(next: CredentialTypeName, keep: Draft = {}) {
    setDraft({ ...emptyDraft(formFields(next)), ...keep });
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
  }

  function changeType(next: CredentialTypeName) {
    // The doctor stays the same when the issuer switches type.
    const keep: Draft = {};
    if (typeof draft.name === "string") keep.name = draft.name;
    if (typeof draft.id === "string") keep.id = draft.id;
    setType(next);
    reset(next, keep);
  }

  function change(path: string, value: string | DraftRow[]) {
    setDraft((d) => setDraftValue(d, path, value));
    if (Object.keys(serverErrors).length > 0) setServerErrors({});
  }

  function blur(path: string) {
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  }

  const showError = (path: string) => submitted || touched.has(path) || path in serverErrors;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    if ("errors" in outcome) {
      setFocusRequest((n) => n + 1);
      return;
    }
    issue.mutate(outcome.body);
  }

  const formError = serverErrors[""];
  const shownErrors = Object.keys(errors).filter((k) => k !== "" && showError(k));
  const holderField = fields.find((f) => f.key === "id");
  const fieldProps = {
    values: draft,
    root: draft,
    prefix: "",
    errors,
    showError,
    onChange: change,
    onBlur: blur,
  };

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)] lg:items-start">
      <Card className="min-w-0">
        <h2 className="text-lg font-semibold text-slate-900">Issue a credential</h2>
        <p className="mt-1 text-sm text-slate-600">{definition.description}</p>
        {types.length > 1 ? (
          <div className="mt-4 max-w-sm">
            <SelectField
              label="Credential type"
              value={type}
              disabled={issue.isPending}
              onChange={(e) => changeType(e.target.value as CredentialTypeName)}
              data-testid={testIds.issuer.typePicker}
            >
              {types.map((t) => (
                <option key={t} value={t}>
                  {credentialTypes[t].title}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
        <form
          ref={formRef}
          onSubmit={submit}
          noValidate
          className="mt-4"
          data-testid={testIds.issuer.issueForm}
          data-credential-type={type}
        >
          <fieldset
            disabled={issue.isPending}
            className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2"
          >
            <legend className="sr-only">{definition.title}</legend>
            {fields
              .filter((f) => f.key !== "id")
              .map((field) => (
                <div key={`${type}-${field.key}`} className={`min-w-0 ${spanOf(field)}`}>
                  <CredentialFormField field={field} {...fieldProps} />
                </div>
              ))}
            {holderField ? (
              <div className="min-w-0 sm:col-span-2">
                <CredentialFormField field={holderField} {...fieldProps} />
              </div>
            ) : null}

            {formError || (submitted && shownErrors.length > 0) ? (
              <div className="sm:col-span-2">
                <Alert tone="error" title="The credential was not issued">
                  {formError ? <p>{formError}</p> : null}
                  {shownErrors.length > 0 ? (
                    <p>
                      {shownErrors.length === 1
                        ? "Check the highlighted field."
                        : `Check the ${shownErrors.length} highlighted fields.`}
                    </p>
                  ) : null}
                </Alert>
              </div>
            ) : null}

            <div className="sm:col-span-2">
              <Button type="submit" busy={issue.isPending} data-testid={testIds.issuer.issueSubmit}>
                {issue.isPending ? "Issuing…" : `Issue ${definition.title.toLowerCase()}`}
              </Button>
            </div>
          </fieldset>
        </form>
      </Card>
      <div className="grid min-w-0 gap-6 lg:sticky lg:top-4">
        {aside}
        <CredentialPreview type={type} subject={outcome.subject} issuerName={issuerName} />
      </div>
    </div>
  );
}
