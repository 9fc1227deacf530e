"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useIssuerDirectory } from "@/components/issuer/use-issuer-directory";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { accreditationBodySchema } from "@/lib/governance/schemas";
import { credentialTypeLabel, knownCredentialTypes } from "@/lib/trust/credential-types";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { GovernanceApiError, governanceApi, type RegistryChangeResult } from "./governance-api";

export type AccreditationDraft = {
  did: string;
  name: string;
  credentialTypes: string[];
  /** YYYY-MM-DD */
  validFrom: string;
  validUntil: string;
};

type Errors = Partial<Record<keyof AccreditationDraft, string>>;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function emptyDraft(now = new Date()): AccreditationDraft {
  const until = new Date(now);
  until.setUTCFullYear(until.getUTCFullYear() + 5);
  return {
    did: "",
    name: "",
    credentialTypes: [],
    validFrom: isoDay(now),
    validUntil: isoDay(until),
  };
}

const fieldNames = ["did", "name", "credentialTypes", "validFrom", "validUntil"] as const;

function errorsFrom(fields: Record<string, string[] | undefined>): Errors {
  const out: Errors = {};
  for (const [path, messages] of Object.entries(fields)) {
    const field = fieldNames.find((f) => path === f || path.startsWith(`${f}.`));
    if (field && messages?.[0]) out[field] ??= sentence(messages[0]);
  }
  return out;
}

function sentence(message: string): string {
  const ended = /[.…!?]$/.test(message);
  return message.charAt(0).toUpperCase() + message.slice(1) + (ended ? "" : ".");
}

/**
 * Accredits an institution, or re-accredits one (replacing its entry) when opened from the list.
 * Checked in the browser with the API's own schema first, so mistakes show next to their field
 * before a transaction is attempted; the server's field errors land in the same places.
 */
export function AccreditForm({
  sessionKey,
  initial,
  onAccredited,
}: {
  sessionKey: string;
  initial: AccreditationDraft;
  onAccredited: (result: RegistryChangeResult, draft: AccreditationDraft) => void;
}) {
  const queryClient = useQueryClient();
  const directory = useIssuerDirectory();
  const fillId = useId();
  const typesId = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Opened from an entry's "Edit": bring the form into view (below the list on small screens).
  useEffect(() => {
    if (!initial.did) return;
    headingRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
    headingRef.current?.focus({ preventScroll: true });
  }, [initial.did]);

  const accredit = useMutation({
    mutationFn: (body: Parameters<typeof governanceApi.accredit>[1]) =>
      governanceApi.accredit(sessionKey, body),
    onSuccess: async (result) => {
      onAccredited(result, draft);
      await queryClient.invalidateQueries({ queryKey: queryKeys.trustRegistryAll() });
    },
    onError: (err) => {
      if (err instanceof GovernanceApiError && err.fields) setErrors(errorsFrom(err.fields));
    },
  });

  const set = <K extends keyof AccreditationDraft>(key: K, value: AccreditationDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = accreditationBodySchema.safeParse({ ...draft, did: draft.did.trim() });
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        (fields[issue.path.join(".")] ??= []).push(issue.message);
      }
      setErrors(errorsFrom(fields));
      return;
    }
    setErrors({});
    accredit.mutate(parsed.data);
  }

  const offered = [...new Set([...knownCredentialTypes, ...draft.credentialTypes])];
  const hosted = directory.data ?? [];

  return (
    <Card>
      <h2
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold text-slate-900 outline-none"
      >
        {initial.did ? "Re-accredit an issuer" : "Accredit an issuer"}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Accrediting a DID that is already listed replaces its entry, and lifts a withdrawal.
      </p>
      <form
        className="mt-4 grid gap-4"
        onSubmit={submit}
        noValidate
        data-testid={testIds.governance.accreditForm}
      >
        {hosted.length > 0 ? (
          <div>
            <label htmlFor={fillId} className="block text-sm font-medium text-slate-800">
              Fill in from an issuer hosted on Vitae (optional)
            </label>
            <select
              id={fillId}
              value=""
              onChange={(e) => {
                const issuer = hosted.find((i) => i.did === e.target.value);
                if (!issuer) return;
                setDraft((d) => ({
                  ...d,
                  did: issuer.did,
                  name: issuer.name,
                  credentialTypes: issuer.credentialTypes,
                }));
                setErrors({});
              }}
              data-testid={testIds.governance.fillFromDirectory}
              className="focus:border-brand-600 mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            >
              <option value="">Choose an institution…</option>
              {hosted.map((issuer) => (
                <option key={issuer.did} value={issuer.did}>
                  {issuer.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}

        <TextField
          label="Issuer DID"
          value={draft.did}
          onChange={(e) => set("did", e.target.value)}
          placeholder="did:web:example.org"
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
          error={errors.did}
          hint="The DID the institution signs credentials with."
        />
        <TextField
          label="Institution name"
          value={draft.name}
          onChange={(e) => set("name", e.target.value)}
          maxLength={200}
          error={errors.name}
          hint="Public, on the ledger: the institution's name only, never a person's."
        />

        <fieldset
          aria-describedby={errors.credentialTypes ? `${typesId}-error` : undefined}
          aria-invalid={errors.credentialTypes ? true : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">May issue</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {offered.map((type) => (
              <label
                key={type}
                className="flex min-h-10 items-center gap-2 rounded-md px-2 text-sm hover:bg-slate-50"
              >
                <input
                  type="checkbox"
                  className="size-4"
                  checked={draft.credentialTypes.includes(type)}
                  onChange={(e) =>
                    set(
                      "credentialTypes",
                      e.target.checked
                        ? [...draft.credentialTypes, type]
                        : draft.credentialTypes.filter((t) => t !== type),
                    )
                  }
                />
                {credentialTypeLabel(type)}
              </label>
            ))}
          </div>
          {errors.credentialTypes ? (
            <p id={`${typesId}-error`} className="mt-1 text-xs font-medium text-red-700">
              {errors.credentialTypes}
            </p>
          ) : null}
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="In force from"
            type="date"
            value={draft.validFrom}
            onChange={(e) => set("validFrom", e.target.value)}
            error={errors.validFrom}
          />
          <TextField
            label="Ends on"
            type="date"
            value={draft.validUntil}
            onChange={(e) => set("validUntil", e.target.value)}
            error={errors.validUntil}
            hint="The accreditation lapses at the start of this day (UTC)."
          />
        </div>

        {accredit.isError &&
        !(accredit.error instanceof GovernanceApiError && accredit.error.fields) ? (
          <Alert tone="error" title="The accreditation was not recorded">
            {accredit.error.message}
          </Alert>
        ) : null}

        <div>
          <Button
            type="submit"
            busy={accredit.isPending}
            data-testid={testIds.governance.accreditSubmit}
          >
            {accredit.isPending ? "Recording on the ledger…" : "Accredit"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
