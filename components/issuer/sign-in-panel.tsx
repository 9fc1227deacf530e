"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { consoleApi, IssuerApiError, type ConsoleSession } from "./issuer-api";
import { useIssuerDirectory } from "./use-issuer-directory";

type Errors = { slug?: string; email?: string; password?: string };

function failureTitle(err: Error) {
  if (err instanceof IssuerApiError && err.status === 0) return "Cannot reach Vitae";
  if (err instanceof IssuerApiError && err.status === 429) return "Too many attempts";
  if (err instanceof IssuerApiError && err.status === 401) return "Sign-in failed";
  return "Something went wrong";
}

/**
 * Staff sign in with their organisation, e-mail and password. The server answers with an
 * httpOnly session cookie; nothing secret is kept in the page.
 */
export function SignInPanel({ onSignedIn }: { onSignedIn: (session: ConsoleSession) => void }) {
  const selectId = useId();
  const directory = useIssuerDirectory();
  const [slug, setSlug] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  const signIn = useMutation({
    mutationFn: consoleApi.signIn,
    onSuccess: (session) => {
      setPassword("");
      onSignedIn(session);
    },
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = email.trim();
    const next: Errors = {};
    if (!slug) next.slug = "Choose your organisation.";
    if (!/^\S+@\S+\.\S+$/.test(trimmed)) next.email = "Enter your work e-mail address.";
    if (!password) next.password = "Enter your password.";
    setErrors(next);
    if (next.slug || next.email || next.password) return;
    signIn.mutate({ issuer: slug, email: trimmed, password });
  }

  const issuers = directory.data ?? [];

  return (
    <Card className="max-w-lg">
      <h2 className="text-lg font-semibold text-slate-900">Sign in as issuer staff</h2>
      <p className="mt-1 text-sm text-slate-600">
        Use the e-mail address and password your organisation&apos;s Vitae admin set up for you.
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
            Organisation
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
          label="E-mail"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
          spellCheck={false}
          error={errors.email}
          data-testid={testIds.issuer.emailInput}
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          error={errors.password}
          data-testid={testIds.issuer.passwordInput}
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
        Development: each demo issuer&apos;s admin e-mail and password are printed by{" "}
        <code className="font-mono">npm run dev</code> and listed in{" "}
        <code className="font-mono">.env.example</code>. Systems use an API key instead.
      </p>
    </Card>
  );
}
