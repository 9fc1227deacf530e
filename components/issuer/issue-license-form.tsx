"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import {
  issuerApi,
  type IssueLicenseBody,
  type IssuedCredential,
  type IssuerSession,
} from "./issuer-api";
import {
  emptyLicenseDraft,
  MAX_CONDITIONS,
  minValidUntil,
  serverFieldErrors,
  validateLicenseDraft,
  type ConditionDraft,
  type LicenseDraft,
  type LicenseDraftErrors,
} from "./validate-license-draft";

/**
 * Issues a MedicalLicenseCredential. Checks run before sending (validate-license-draft.ts); the
 * server's own field errors land on the same fields, and focus goes to the first one.
 */

type TextKey = Exclude<keyof LicenseDraft, "conditions">;

export function IssueLicenseForm({
  session,
  onIssued,
}: {
  session: IssuerSession;
  onIssued: (credential: IssuedCredential, holderName: string) => void;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const nextRowId = useRef(0);
  const [draft, setDraft] = useState<LicenseDraft>(emptyLicenseDraft);
  const [errors, setErrors] = useState<LicenseDraftErrors>({});
  // Bumped after each rejected submit, so focus moves to the first field that needs attention.
  const [focusRequest, setFocusRequest] = useState(0);

  const issue = useMutation({
    mutationFn: (body: IssueLicenseBody) => issuerApi.issueLicense(session, body),
    onSuccess: (credential, body) => {
      setDraft(emptyLicenseDraft);
      setErrors({});
      onIssued(credential, body.subject.name);
      void queryClient.invalidateQueries({ queryKey: queryKeys.issuerCredentials(session.slug) });
    },
    onError: (err) => {
      setErrors(serverFieldErrors(err));
      setFocusRequest((n) => n + 1);
    },
  });

  // Waits for the request to settle: TanStack Query reports it a tick after onError, and until
  // then the fieldset is disabled and its fields cannot take focus.
  useEffect(() => {
    if (focusRequest === 0 || issue.isPending) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest, issue.isPending]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const outcome = validateLicenseDraft(draft);
    if ("errors" in outcome) {
      setErrors(outcome.errors);
      setFocusRequest((n) => n + 1);
      return;
    }
    setErrors({});
    issue.mutate(outcome.body);
  }

  const text = (key: TextKey) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  function setCondition(rowId: number, change: Partial<ConditionDraft>) {
    setDraft((d) => ({
      ...d,
      conditions: d.conditions.map((c) => (c.rowId === rowId ? { ...c, ...change } : c)),
    }));
  }

  function addCondition() {
    const rowId = ++nextRowId.current;
    setDraft((d) => ({ ...d, conditions: [...d.conditions, { rowId, code: "", text: "" }] }));
  }

  function removeCondition(rowId: number) {
    setDraft((d) => ({ ...d, conditions: d.conditions.filter((c) => c.rowId !== rowId) }));
  }

  const formError = errors[""];
  const hasFieldErrors = Object.keys(errors).some((k) => k !== "");

  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">Issue a medical licence</h2>
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        className="mt-4"
        data-testid={testIds.issuer.issueForm}
      >
        <fieldset
          disabled={issue.isPending}
          className="grid min-w-0 grid-cols-1 gap-4 sm:grid-cols-2"
        >
          <legend className="sr-only">Licence holder and licence</legend>
          <div className="sm:col-span-2">
            <TextField label="Doctor's full name" error={errors.name} {...text("name")} />
          </div>
          <TextField
            label="Licence number"
            error={errors.licenseNumber}
            {...text("licenseNumber")}
          />
          <TextField label="Jurisdiction" error={errors.jurisdiction} {...text("jurisdiction")} />
          <div className="sm:col-span-2">
            <TextField
              label="Scope of practice (optional)"
              hint="For example: General medical practice"
              error={errors.scope}
              {...text("scope")}
            />
          </div>
          <TextField
            label="Valid until (optional)"
            type="date"
            min={minValidUntil()}
            hint="Leave empty for a licence without an end date."
            error={errors.validUntil}
            {...text("validUntil")}
          />
          <TextField
            label="Holder DID (optional)"
            hint="Leave empty to bind to the wallet that claims it."
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
            error={errors.id}
            {...text("holderDid")}
          />

          <fieldset className="grid min-w-0 gap-3 sm:col-span-2">
            <legend className="text-sm font-medium text-slate-800">Conditions on practice</legend>
            {draft.conditions.length === 0 ? (
              <p className="text-xs text-slate-600">None: the licence carries no conditions.</p>
            ) : null}
            {draft.conditions.map((c, i) => (
              <div
                key={c.rowId}
                className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[10rem_minmax(0,1fr)_auto] sm:items-start"
              >
                <TextField
                  label={`Code ${i + 1} (optional)`}
                  value={c.code}
                  onChange={(e) => setCondition(c.rowId, { code: e.target.value })}
                  error={errors[`conditions.${i}.code`]}
                />
                <TextField
                  label={`Condition ${i + 1}`}
                  value={c.text}
                  onChange={(e) => setCondition(c.rowId, { text: e.target.value })}
                  error={errors[`conditions.${i}.text`]}
                />
                <Button
                  variant="ghost"
                  className="sm:mt-6"
                  onClick={() => removeCondition(c.rowId)}
                >
                  Remove<span className="sr-only"> condition {i + 1}</span>
                </Button>
              </div>
            ))}
            {errors.conditions ? (
              <p className="text-xs font-medium text-red-700">{errors.conditions}</p>
            ) : null}
            <div>
              <Button
                variant="secondary"
                onClick={addCondition}
                disabled={draft.conditions.length >= MAX_CONDITIONS}
                data-testid={testIds.issuer.addCondition}
              >
                Add a condition
              </Button>
            </div>
          </fieldset>

          {formError || hasFieldErrors ? (
            <div className="sm:col-span-2">
              <Alert tone="error" title="The licence was not issued">
                {formError ? <p>{formError}</p> : null}
                {hasFieldErrors ? <p>Check the highlighted fields.</p> : null}
              </Alert>
            </div>
          ) : null}

          <div className="sm:col-span-2">
            <Button type="submit" busy={issue.isPending} data-testid={testIds.issuer.issueSubmit}>
              {issue.isPending ? "Issuing…" : "Issue licence"}
            </Button>
          </div>
        </fieldset>
      </form>
    </Card>
  );
}
