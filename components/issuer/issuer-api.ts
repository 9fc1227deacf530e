import { z } from "zod";
import type { CredentialType } from "@/lib/credentials/schemas";
import type { StatusAction } from "@/lib/issuance/schemas";

/**
 * The issuer console's client for the public issuance API (the same endpoints API clients use).
 * Every answer is parsed with zod before the UI sees it, and every failure becomes an
 * IssuerApiError carrying the server's own code, message and field errors, so the UI can show
 * exactly what the server said instead of a bare status code.
 */

export type IssuerSession = { slug: string; key: string };

const directoryEntrySchema = z.object({
  slug: z.string().min(1),
  did: z.string().min(1),
  name: z.string().min(1),
  credentialTypes: z.array(z.string()),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

const issuedCredentialSchema = z.object({
  id: z.string().min(1),
  jwt: z.string().min(1),
  claimUrl: z.url(),
  claimExpiresAt: z.iso.datetime({ offset: true }),
  status: z.object({ listId: z.string(), index: z.number().int() }),
});
export type IssuedCredential = z.infer<typeof issuedCredentialSchema>;

const credentialStatusSchema = z.enum(["active", "revoked", "suspended"]);
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;

const issuedCredentialSummarySchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  subjectName: z.string().nullable(),
  subjectDid: z.string().nullable(),
  status: credentialStatusSchema,
  statusReason: z.string().nullable(),
  issuedAt: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).nullable(),
  claimed: z.boolean(),
  revocation: z.object({
    listId: z.string(),
    index: z.number().int(),
    anchoredVersion: z.number().int().nullable(),
    anchorTx: z.string().nullable(),
  }),
  anchor: z
    .object({
      listId: z.string(),
      version: z.number().int(),
      state: z.enum(["anchored", "pending"]),
      anchorTx: z.string().nullable(),
      anchoredAt: z.iso.datetime({ offset: true }).nullable(),
      lastError: z.string().nullable(),
    })
    .nullable(),
});
export type IssuedCredentialSummary = z.infer<typeof issuedCredentialSummarySchema>;

const statusChangeSchema = z.object({
  listId: z.string(),
  version: z.number().int(),
  anchorTx: z.string().nullable(),
  anchorState: z.enum(["anchored", "pending"]),
  status: credentialStatusSchema,
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export type IssueCredentialBody = {
  type: CredentialType;
  subject: Record<string, unknown>;
  /** YYYY-MM-DD; without it the credential ends with its subject's end date, if any. */
  validUntil?: string;
};

export class IssuerApiError extends Error {
  /** 0 when the server was never reached. */
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = "IssuerApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  init: { method?: "GET" | "POST"; session?: IssuerSession; body?: unknown; signal?: AbortSignal },
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.session) headers.Authorization = `Bearer ${init.session.key}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";

  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
      signal: init.signal,
    });
  } catch (err) {
    // A cancelled query must stay a cancellation, or TanStack Query would report it as a failure.
    if (init.signal?.aborted) throw err;
    throw new IssuerApiError(
      0,
      "NETWORK",
      "Could not reach the Vitae server. Check your connection and try again.",
    );
  }

  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new IssuerApiError(res.status, code, message, fields);
    }
    throw new IssuerApiError(res.status, "HTTP_ERROR", `The server answered ${res.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new IssuerApiError(
      res.status,
      "BAD_RESPONSE",
      "The server's answer was not in the expected form. Reload the page; if it persists, the server may be a different version.",
    );
  }
  return parsed.data;
}

function credentialsPath(slug: string) {
  return `/api/v1/issuers/${encodeURIComponent(slug)}/credentials`;
}

export const issuerApi = {
  directory: (signal?: AbortSignal) =>
    request("/api/v1/issuers", z.array(directoryEntrySchema), { signal }),

  /** Also how the console checks a key at sign-in: it is the cheapest authenticated call. */
  listCredentials: (session: IssuerSession, signal?: AbortSignal) =>
    request(credentialsPath(session.slug), z.array(issuedCredentialSummarySchema), {
      session,
      signal,
    }),

  issueCredential: (session: IssuerSession, body: IssueCredentialBody) =>
    request(credentialsPath(session.slug), issuedCredentialSchema, {
      method: "POST",
      session,
      body,
    }),

  changeStatus: (
    session: IssuerSession,
    credentialId: string,
    action: StatusAction,
    reason: string | undefined,
  ) =>
    request(
      `${credentialsPath(session.slug)}/${encodeURIComponent(credentialId)}/${action}`,
      statusChangeSchema,
      { method: "POST", session, body: reason ? { reason } : {} },
    ),
};
