"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { IssuerApiError, issuerApi, type IssuerSession } from "./issuer-api";
import { useIssuerDirectory } from "./use-issuer-directory";

type Errors = { slug?: string; key?: string };

function failureTitle(err: Error) {
  if (err instanceof IssuerApiError && err.status === 0) return "Cannot reach Vitae";
  if (err instanceof IssuerApiError && (err.status === 401 || err.status === 403)) {
    return "Sign-in failed";
  }
  return "Something went wrong";
}

/**
 * Issuers sign in with their API key, exactly as API clients authenticate. The key is checked by
 * listing the issuer's credentials, whose answer then fills the table without a second request.
 */
export function SignInPanel({ onSignedIn }: { onSignedIn: (session: IssuerSession) => void }) {
  const selectId = useId();
  const queryClient = useQueryClient();
  const directory = useIssuerDirectory();
  const [slug, setSlug] = useState("");
  const [key, setKey] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const signIn = useMutation({
    mutationFn: (session: IssuerSession) => issuerApi.listCredentials(session),
    onSuccess: (credentials, session) => {
      queryClient.setQueryData(queryKeys.issuerCredentials(session.slug), credentials);
      onSignedIn(session);
    },
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Keys are usually pasted, often with a trailing newline or space.
    const trimmed = key.trim();
    const next: Errors = {};
    if (!slug) next.slug = "Choose your organisation.";
    if (!trimmed) next.key = "Enter your organisation's API key.";
    setErrors(next);
    if (next.slug || next.key) return;
    signIn.mutate({ slug, key: trimmed });
  }

  const issuers = directory.data ?? [];

  return (
    <Card className="max-w-lg">
      <h2 className="text-lg font-semibold text-slate-900">Sign in as an issuer</h2>
      <p className="mt-1 text-sm text-slate-600">
        Use your organisation&apos;s API key, the same key your systems use to call the Vitae API.
      </p>

      {directory.isError ? (
        <div className="mt-4">
          <Alert tone="error" title="The list of issuers could not be loaded">
            <p>{directory.error.message}</p>
            <Button
              variant="secondary"
              className="mt-2"
              busy={directory.isFetching}
              onClick={() => void directory.refetch()}
            >
              Try again
            </Button>
          </Alert>
        </div>
      ) : null}

      <form className="mt-4 grid gap-4" onSubmit={submit} noValidate>
        <div>
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
            Issuer
          </label>
          <select
            id={selectId}
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            disabled={directory.isPending}
            aria-invalid={errors.slug ? true : undefined}
            aria-describedby={errors.slug ? `${selectId}-error` : undefined}
            data-testid={testIds.issuer.issuerSelect}
            className="focus:border-brand-600 mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
          >
            <option value="">
              {directory.isPending ? "Loading issuers…" : "Choose your organisation"}
            </option>
            {issuers.map((issuer) => (
              <option key={issuer.slug} value={issuer.slug}>
                {issuer.name}
              </option>
            ))}
          </select>
          {errors.slug ? (
            <p id={`${selectId}-error`} className="mt-1 text-xs font-medium text-red-700">
              {errors.slug}
            </p>
          ) : null}
        </div>

        <TextField
          label="API key"
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          error={errors.key}
          data-testid={testIds.issuer.apiKeyInput}
        />

        {signIn.isError ? (
          <Alert
            tone="error"
            title={failureTitle(signIn.error)}
            data-testid={testIds.issuer.signInError}
          >
            {signIn.error.message}
          </Alert>
        ) : null}

        <div>
          <Button type="submit" busy={signIn.isPending} data-testid={testIds.issuer.signIn}>
            Sign in
          </Button>
        </div>
      </form>

      <p className="mt-4 border-t border-slate-200 pt-3 text-xs text-slate-600">
        Development: demo keys are printed by <code className="font-mono">npm run dev</code> and
        listed in <code className="font-mono">.env.example</code>.
      </p>
    </Card>
  );
}
