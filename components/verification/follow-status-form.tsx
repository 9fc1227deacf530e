"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { testIds } from "@/lib/test-ids";

const subscriptionSchema = z.object({
  id: z.string(),
  secret: z.string(),
  lists: z.array(z.object({ listId: z.string(), statusPurpose: z.string() })),
});
const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

async function subscribe(credential: string, webhookUrl: string) {
  const res = await fetch("/api/v1/subscriptions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ credential, webhookUrl }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorSchema.safeParse(body);
    const field = parsed.data?.error.fields?.webhookUrl?.[0];
    throw new Error(
      parsed.success
        ? `${parsed.data.error.message}${field ? ` (${field})` : ""}`
        : `The server answered ${res.status}.`,
    );
  }
  return subscriptionSchema.parse(body);
}

/**
 * Lets the verifier be told at a webhook when this credential is revoked, suspended or
 * reinstated. The server signs each notification with a secret shown here once.
 */
export function FollowStatusForm({ jwt }: { jwt: string }) {
  const headingId = useId();
  const [webhookUrl, setWebhookUrl] = useState("");
  const follow = useMutation({ mutationFn: () => subscribe(jwt, webhookUrl.trim()) });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    follow.mutate();
  };

  return (
    <section
      aria-labelledby={headingId}
      className="no-print rounded-lg border border-slate-200 bg-white p-4"
      data-testid={testIds.verifier.followStatus}
    >
      <h3 id={headingId} className="font-semibold text-slate-900">
        Follow status changes
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        Get a signed notification at your system&apos;s webhook when the issuer revokes, suspends or
        reinstates this credential. Only the credential&apos;s id and its new status are sent, never
        the doctor&apos;s details.
      </p>
      {follow.isSuccess ? (
        <Alert tone="success" title="Following this credential">
          <p>
            Keep this secret: it verifies each notification&apos;s <code>Vitae-Signature</code>{" "}
            header (HMAC-SHA256) and cancels the subscription. It is not shown again.
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2">
            <code
              className="font-mono text-xs break-all"
              data-testid={testIds.verifier.followSecret}
            >
              {follow.data.secret}
            </code>
            <CopyButton value={follow.data.secret} label="webhook secret" />
          </p>
        </Alert>
      ) : (
        <form onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-64">
            <TextField
              label="Webhook URL"
              type="url"
              inputMode="url"
              placeholder="https://credentialing.example-hospital.org/vitae"
              value={webhookUrl}
              onChange={(e) => setWebhookUrl(e.target.value)}
              error={follow.isError ? follow.error.message : undefined}
              required
            />
          </div>
          <Button type="submit" variant="secondary" busy={follow.isPending}>
            Follow
          </Button>
        </form>
      )}
    </section>
  );
}
