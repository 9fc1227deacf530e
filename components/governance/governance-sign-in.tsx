"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";
import { GovernanceApiError, governanceApi, type GovernanceAccessInfo } from "./governance-api";

/** The accreditation authority signs in with its governance API key, checked by the server. */
export function GovernanceSignIn({
  onSignedIn,
}: {
  onSignedIn: (key: string, access: GovernanceAccessInfo) => void;
}) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | undefined>();
  const signIn = useMutation({
    mutationFn: (candidate: string) => governanceApi.access(candidate),
    onSuccess: (access, candidate) => onSignedIn(candidate, access),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = key.trim();
    setError(trimmed ? undefined : "Enter the governance API key.");
    if (trimmed) signIn.mutate(trimmed);
  }

  const failure = signIn.error;
  return (
    <Card className="max-w-lg">
      <h2 className="text-lg font-semibold text-slate-900">
        Sign in as the accreditation authority
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Only the authority that governs the trust registry can accredit issuers or withdraw an
        accreditation. Every change is a transaction on the ledger.
      </p>
      <form className="mt-4 grid gap-4" onSubmit={submit} noValidate>
        <TextField
          label="Governance API key"
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          error={error}
          data-testid={testIds.governance.apiKeyInput}
        />
        {failure ? (
          <Alert
            tone="error"
            title={
              failure instanceof GovernanceApiError && failure.status === 0
                ? "Cannot reach Vitae"
                : "Sign-in failed"
            }
            data-testid={testIds.governance.signInError}
          >
            {failure.message}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" busy={signIn.isPending} data-testid={testIds.governance.signIn}>
            Sign in
          </Button>
        </div>
      </form>
      <p className="mt-4 border-t border-slate-200 pt-3 text-xs text-slate-600">
        Development: the key is <code className="font-mono">GOVERNANCE_API_KEY</code> in{" "}
        <code className="font-mono">.env.example</code>.
      </p>
    </Card>
  );
}
