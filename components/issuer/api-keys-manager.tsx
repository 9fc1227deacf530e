"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { consoleApi, IssuerApiError } from "./issuer-api";
import type { SignedIn } from "./issuer-console";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * API keys for the issuer's own systems. A new key is shown once, here; the server keeps only its
 * hash. Revoking takes effect on the next request.
 */
export function ApiKeysManager({ session }: { session: SignedIn }) {
  const slug = session.slug;
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: queryKeys.issuerApiKeys(slug),
    queryFn: ({ signal }) => consoleApi.listApiKeys(slug, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.issuerApiKeys(slug) });
  const [label, setLabel] = useState("");
  const [labelError, setLabelError] = useState<string | undefined>();
  const [created, setCreated] = useState<{ label: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () => consoleApi.createApiKey(slug, label.trim()),
    onSuccess: (res) => {
      setCreated({ label: res.summary.label, key: res.key });
      setLabel("");
      void refresh();
    },
    onError: (err) => {
      if (err instanceof IssuerApiError && err.fields?.label) setLabelError(err.fields.label[0]);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => consoleApi.revokeApiKey(slug, id),
    onSettled: () => {
      setConfirming(null);
      void refresh();
    },
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!label.trim()) {
      setLabelError("Name the system that will use the key.");
      return;
    }
    setLabelError(undefined);
    create.mutate();
  }

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="keys-heading" className="min-w-0">
        <h2 id="keys-heading" className="mb-3 text-lg font-semibold text-slate-900">
          API keys
        </h2>
        {revoke.isError ? (
          <div className="mb-3">
            <Alert tone="error" title="The key was not revoked">
              {revoke.error.message}
            </Alert>
          </div>
        ) : null}
        {keys.isPending ? (
          <p role="status" className="py-8 text-center text-sm text-slate-600">
            Loading API keys…
          </p>
        ) : keys.isError ? (
          <Alert tone="error" title="Could not load the API keys">
            {keys.error.message}
          </Alert>
        ) : keys.data.length === 0 ? (
          <EmptyState title="No API keys">
            Create one for each system that issues or revokes credentials through the API.
          </EmptyState>
        ) : (
          <Table
            caption={`API keys of ${session.issuer.name}`}
            data-testid={testIds.issuer.apiKeysTable}
          >
            <THead>
              <TH>Used by</TH>
              <TH>Created</TH>
              <TH>State</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {keys.data.map((k) => (
                <tr key={k.id} data-testid={testIds.issuer.apiKeyRow}>
                  <TD>
                    <span className="font-medium text-slate-900">{k.label}</span>
                    {k.prefix ? (
                      <code className="block font-mono text-xs text-slate-600">{k.prefix}</code>
                    ) : null}
                  </TD>
                  <TD className="whitespace-nowrap text-slate-700">
                    {dateTime.format(new Date(k.createdAt))}
                  </TD>
                  <TD>
                    {k.revokedAt ? (
                      <Badge tone="neutral">Revoked</Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                  </TD>
                  <TD className="text-right whitespace-nowrap">
                    {k.revokedAt ? null : confirming === k.id ? (
                      <span className="inline-flex gap-2">
                        <Button
                          variant="danger"
                          busy={revoke.isPending}
                          onClick={() => revoke.mutate(k.id)}
                          data-testid={testIds.issuer.revokeApiKey}
                        >
                          Revoke now
                        </Button>
                        <Button variant="secondary" onClick={() => setConfirming(null)}>
                          Keep
                        </Button>
                      </span>
                    ) : (
                      <Button
                        variant="ghost"
                        onClick={() => setConfirming(k.id)}
                        aria-label={`Revoke the key of ${k.label}`}
                      >
                        Revoke…
                      </Button>
                    )}
                  </TD>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
      <aside className="grid content-start gap-4">
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Create an API key</h2>
          <form className="mt-3 grid gap-3" onSubmit={submit} noValidate>
            <TextField
              label="Used by"
              placeholder="e.g. Registry system"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              error={labelError}
              hint="API keys issue and change status; they cannot manage staff or keys."
            />
            {create.isError && !labelError ? (
              <Alert tone="error" title="Not created">
                {create.error.message}
              </Alert>
            ) : null}
            <div>
              <Button
                type="submit"
                busy={create.isPending}
                data-testid={testIds.issuer.createApiKeySubmit}
              >
                Create key
              </Button>
            </div>
          </form>
        </Card>
        {created ? (
          <Alert tone="success" title={`Key for ${created.label}`}>
            <p>Copy it now into that system&apos;s configuration. It will not be shown again.</p>
            <p className="mt-2 flex flex-wrap items-center gap-2">
              <code
                className="rounded bg-white px-2 py-1 font-mono text-xs break-all text-slate-900"
                data-testid={testIds.issuer.newApiKey}
              >
                {created.key}
              </code>
              <CopyButton value={created.key} label="API key" />
            </p>
            <Button variant="secondary" className="mt-2" onClick={() => setCreated(null)}>
              I have stored it
            </Button>
          </Alert>
        ) : null}
      </aside>
    </div>
  );
}
