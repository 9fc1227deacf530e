import { z } from "zod";
import type { CredentialType } from "@/lib/credentials/schemas";
import type { StatusAction } from "@/lib/issuance/schemas";

/**
 * The issuer console's client for the public issuance API (the same endpoints API clients use).
 * Every answer is parsed with zod before the UI sees it, and every failure becomes an
 * IssuerApiError carrying the server's own code, message and field errors, so the UI can show
 * exactly what the server said instead of a bare status code.
 */

/**
 * Whom requests act for. The console authenticates with its httpOnly session cookie (sent by the
 * browser, never seen by script); `key` is for callers holding an API key.
 */
export type IssuerSession = { slug: string; key?: string | undefined };

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
  init: {
    method?: "GET" | "POST" | "PATCH" | "DELETE";
    session?: IssuerSession;
    body?: unknown;
    signal?: AbortSignal;
  },
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.session?.key) headers.Authorization = `Bearer ${init.session.key}`;
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

  const body: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
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

const staffRoleSchema = z.enum(["admin", "staff"]);
export type StaffRole = z.infer<typeof staffRoleSchema>;

const consoleSessionSchema = z.object({
  issuer: z.object({ slug: z.string(), name: z.string(), did: z.string() }),
  staff: z.object({ id: z.string(), name: z.string(), email: z.string(), role: staffRoleSchema }),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

const staffMemberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  disabled: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

const apiKeySummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  prefix: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

const auditEntryViewSchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({ type: z.string(), id: z.string() }),
  action: z.string(),
  credentialId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

const auditAnchorSchema = z.object({
  version: z.number().int(),
  seq: z.number().int(),
  hash: z.string(),
  anchorTx: z.string().nullable(),
  blockNumber: z.number().int().nullable(),
  anchoredAt: z.iso.datetime({ offset: true }),
});
export type AuditAnchorView = z.infer<typeof auditAnchorSchema>;

const auditLogPageSchema = z.object({
  entries: z.array(auditEntryViewSchema),
  nextBefore: z.number().int().nullable(),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  lastAnchor: auditAnchorSchema.nullable(),
});
export type AuditLogPageView = z.infer<typeof auditLogPageSchema>;

function issuerPath(slug: string, rest: string) {
  return `/api/v1/issuers/${encodeURIComponent(slug)}/${rest}`;
}

function credentialsPath(slug: string) {
  return `/api/v1/issuers/${encodeURIComponent(slug)}/credentials`;
}

export const consoleApi = {
  /** The signed-in staff member, or null when nobody is signed in. */
  session: async (signal?: AbortSignal): Promise<ConsoleSession | null> => {
    try {
      return await request("/api/v1/session", consoleSessionSchema, { signal });
    } catch (err) {
      if (err instanceof IssuerApiError && err.status === 401) return null;
      throw err;
    }
  },
  signIn: (body: { issuer: string; email: string; password: string }) =>
    request("/api/v1/session", consoleSessionSchema, { method: "POST", body }),
  signOut: () => request("/api/v1/session", z.null(), { method: "DELETE" }),

  listStaff: (slug: string, signal?: AbortSignal) =>
    request(issuerPath(slug, "staff"), z.array(staffMemberSchema), { signal }),
  createStaff: (slug: string, body: { email: string; name: string; role: StaffRole }) =>
    request(
      issuerPath(slug, "staff"),
      z.object({ member: staffMemberSchema, temporaryPassword: z.string() }),
      { method: "POST", body },
    ),
  updateStaff: (slug: string, id: string, body: { role?: StaffRole; disabled?: boolean }) =>
    request(issuerPath(slug, `staff/${encodeURIComponent(id)}`), staffMemberSchema, {
      method: "PATCH",
      body,
    }),

  listApiKeys: (slug: string, signal?: AbortSignal) =>
    request(issuerPath(slug, "api-keys"), z.array(apiKeySummarySchema), { signal }),
  createApiKey: (slug: string, label: string) =>
    request(
      issuerPath(slug, "api-keys"),
      z.object({ key: z.string(), summary: apiKeySummarySchema }),
      { method: "POST", body: { label } },
    ),
  revokeApiKey: (slug: string, id: string) =>
    request(issuerPath(slug, `api-keys/${encodeURIComponent(id)}`), apiKeySummarySchema, {
      method: "DELETE",
    }),

  auditLog: (slug: string, before: number | undefined, signal?: AbortSignal) =>
    request(
      issuerPath(slug, `audit-log?limit=25${before ? `&before=${before}` : ""}`),
      auditLogPageSchema,
      { signal },
    ),
  /** The raw export: its exact JSON is what the outsider's check and the download use. */
  exportAuditLog: (slug: string) => request(issuerPath(slug, "audit-log/export"), z.unknown(), {}),
  anchorAuditLog: (slug: string) =>
    request(
      issuerPath(slug, "audit-log/anchor"),
      z.object({ anchor: auditAnchorSchema.nullable() }),
      {
        method: "POST",
      },
    ),
};

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
