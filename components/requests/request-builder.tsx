"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField, TextField } from "@/components/ui/field";
import {
  requestPolicySchema,
  type CreatedRequest,
  type Requirement,
  type RequirementKind,
} from "@/lib/credentials/policy/schemas";
import { testIds } from "@/lib/test-ids";
import { createRequest } from "./requests-api";

/**
 * The verifier picks presets (each with its parameter), says who asks and why, and creates the
 * request. The presets combine: every ticked one must be met.
 */

type Draft = { on: boolean; value: string };
type Drafts = Record<RequirementKind, Draft>;

const presets: Array<{
  kind: RequirementKind;
  title: string;
  param: string;
  hint: string;
  placeholder: string;
  numeric?: boolean;
}> = [
  {
    kind: "licensed",
    title: "Licensed physician, no conditions",
    param: "Jurisdiction",
    hint: "As written on the licence, e.g. Eastland.",
    placeholder: "Eastland",
  },
  {
    kind: "board-certified",
    title: "Board-certified",
    param: "Specialty",
    hint: "As written on the certificate, e.g. Cardiology.",
    placeholder: "Cardiology",
  },
  {
    kind: "privileges",
    title: "Clinical privileges",
    param: "Procedure",
    hint: "As listed in the privileges, e.g. Coronary angiography.",
    placeholder: "Coronary angiography",
  },
  {
    kind: "cme",
    title: "CME hours in the last 12 months",
    param: "At least (hours)",
    hint: "Hours from CME activities completed in the last 12 months, added up.",
    placeholder: "50",
    numeric: true,
  },
];

function toRequirement(kind: RequirementKind, value: string): Requirement {
  switch (kind) {
    case "licensed":
      return { kind, jurisdiction: value };
    case "board-certified":
      return { kind, specialty: value };
    case "privileges":
      return { kind, procedure: value };
    case "cme":
      return { kind, hours: value.trim() === "" ? Number.NaN : Number(value) };
  }
}

export function RequestBuilder({ onCreated }: { onCreated: (created: CreatedRequest) => void }) {
  const [verifierName, setVerifierName] = useState("");
  const [purpose, setPurpose] = useState("");
  const [drafts, setDrafts] = useState<Drafts>({
    licensed: { on: true, value: "" },
    "board-certified": { on: false, value: "" },
    privileges: { on: false, value: "" },
    cme: { on: false, value: "" },
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({ mutationFn: createRequest, onSuccess: onCreated });

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = presets.filter((p) => drafts[p.kind].on);
    const parsed = requestPolicySchema.safeParse({
      verifierName,
      purpose,
      requirements: chosen.map((p) => toRequirement(p.kind, drafts[p.kind].value)),
    });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const [head, index] = issue.path;
        const key =
          head === "requirements" && typeof index === "number"
            ? (chosen[index]?.kind ?? "requirements")
            : String(head ?? "requirements");
        next[key] ??= issue.message.replace(
          /^The hours must be a number$/,
          "Enter a number of hours",
        );
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  const set = (kind: RequirementKind, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [kind]: { ...d[kind], ...patch } }));

  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid={testIds.requests.builder}
      className="grid gap-6"
    >
      <Card className="grid gap-4">
        <h2 className="text-lg font-semibold text-slate-900">What the doctor must show</h2>
        <p className="-mt-2 text-sm text-slate-600">
          Tick one or more. The doctor&apos;s answer meets the request only when every ticked
          requirement is met by a valid credential from an accredited issuer.
        </p>
        <fieldset className="grid gap-3">
          <legend className="sr-only">Requirements</legend>
          {presets.map((p) => (
            <PresetRow
              key={p.kind}
              title={p.title}
              checked={drafts[p.kind].on}
              onToggle={(on) => set(p.kind, { on })}
              kind={p.kind}
            >
              <TextField
                label={p.param}
                hint={p.hint}
                placeholder={p.placeholder}
                inputMode={p.numeric ? "decimal" : undefined}
                value={drafts[p.kind].value}
                error={errors[p.kind]}
                onChange={(e) => set(p.kind, { value: e.target.value })}
              />
            </PresetRow>
          ))}
        </fieldset>
        {errors.requirements ? (
          <p className="text-sm font-medium text-red-700">{errors.requirements}</p>
        ) : null}
      </Card>
      <Card className="grid gap-4">
        <h2 className="text-lg font-semibold text-slate-900">Who is asking, and why</h2>
        <TextField
          label="Your organisation"
          hint="Shown to the doctor, e.g. St Aurelia General Hospital, credentialing office."
          value={verifierName}
          error={errors.verifierName}
          onChange={(e) => setVerifierName(e.target.value)}
          data-testid={testIds.requests.verifierName}
          autoComplete="organization"
        />
        <TextAreaField
          label="Purpose"
          hint="Why you need it. The doctor reads this before deciding to share."
          rows={2}
          className="font-sans"
          value={purpose}
          error={errors.purpose}
          onChange={(e) => setPurpose(e.target.value)}
          data-testid={testIds.requests.purpose}
        />
      </Card>
      {create.error ? (
        <Alert
          tone="error"
          title="The request could not be created"
          data-testid={testIds.requests.createError}
        >
          {create.error.message}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" busy={create.isPending} data-testid={testIds.requests.create}>
          Create request
        </Button>
      </div>
    </form>
  );
}

function PresetRow({
  title,
  checked,
  onToggle,
  kind,
  children,
}: {
  title: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
  kind: RequirementKind;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div
      className={`rounded-md border p-3 ${checked ? "border-brand-600 bg-brand-50/40" : "border-slate-200"}`}
      data-testid={testIds.requests.preset}
      data-kind={kind}
    >
      <div className="flex items-center gap-3">
        <input
          id={id}
          type="checkbox"
          className="accent-brand-600 size-4"
          checked={checked}
          onChange={(e) => onToggle(e.target.checked)}
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {title}
        </label>
      </div>
      {checked ? <div className="mt-3 pl-7">{children}</div> : null}
    </div>
  );
}
