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
  /** The same claim as an OpenID4VCI credential offer, for standard wallets. */
  credentialOfferUri: z.string().startsWith("openid-credential-offer://").optional(),
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
  // Added with search and amend; optional so an older server still parses.
  subject: z.record(z.string(), z.unknown()).optional(),
  rowKey: z.string().nullable().optional(),
  previousId: z.string().nullable().optional(),
  supersededBy: z.string().nullable().optional(),
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

const amendedCredentialSchema = issuedCredentialSchema.extend({
  previous: z.string(),
  superseded: z.object({
    id: z.string(),
    anchorState: z.enum(["anchored", "pending"]),
    anchorTx: z.string().nullable(),
  }),
});
export type AmendedCredential = z.infer<typeof amendedCredentialSchema>;

const bulkRowErrorSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  column: z.string().nullable(),
  message: z.string(),
});
export type BulkRowError = z.infer<typeof bulkRowErrorSchema>;

const bulkPreviewSchema = z.object({
  type: z.string(),
  headers: z.array(z.string()),
  fields: z.array(
    z.object({
      path: z.string(),
      label: z.string(),
      required: z.boolean(),
      kind: z.string(),
      hint: z.string().optional(),
    }),
  ),
  mapping: z.record(z.string(), z.string()),
  rowKeyColumn: z.string().nullable(),
  mappingErrors: z.record(z.string(), z.array(z.string())),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  invalidCount: z.number().int(),
  errors: z.array(bulkRowErrorSchema),
});
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;

const bulkJobSchema = z.object({
  id: z.string(),
  type: z.string(),
  fileName: z.string(),
  state: z.enum(["running", "done"]),
  total: z.number().int(),
  skipped: z.number().int(),
  pending: z.number().int(),
  issued: z.number().int(),
  existing: z.number().int(),
  failed: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type BulkJob = z.infer<typeof bulkJobSchema>;

export type BulkUploadInput = {
  file: File;
  type: CredentialType;
  mapping?: Record<string, string>;
  rowKeyColumn?: string;
  skipInvalid?: boolean;
};

export type CredentialSearch = {
  q?: string;
  type?: string;
  status?: string;
  issuedFrom?: string;
  issuedTo?: string;
  limit?: number;
  offset?: number;
};

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

type SendInit = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  session?: IssuerSession;
  /** A JSON body, or `form` for a multipart upload (the browser sets its content type). */
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal;
};

/** The one fetch of the console: sends, and turns every failure into an IssuerApiError. */
async function send(path: string, init: SendInit): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.session?.key) headers.Authorization = `Bearer ${init.session.key}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers,
      body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
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
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => undefined);
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new IssuerApiError(res.status, code, message, fields);
    }
    throw new IssuerApiError(res.status, "HTTP_ERROR", `The server answered ${res.status}.`);
  }
  return res;
}

async function parseAnswer<S extends z.ZodType>(res: Response, schema: S): Promise<z.infer<S>> {
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
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

function bulkForm(input: BulkUploadInput): FormData {
  const form = new FormData();
  form.set("file", input.file, input.file.name);
  form.set("type", input.type);
  if (input.mapping) form.set("mapping", JSON.stringify(input.mapping));
  if (input.rowKeyColumn) form.set("rowKeyColumn", input.rowKeyColumn);
  if (input.skipInvalid) form.set("skipInvalid", "true");
  return form;
}

function bulkPath(slug: string) {
  return `/api/v1/issuers/${encodeURIComponent(slug)}/bulk`;
}

/** A JSON call whose answer is parsed with `schema`. */
async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  init: Omit<SendInit, "form">,
): Promise<z.infer<S>> {
  return parseAnswer(await send(path, init), schema);
}

const staffRoleSchema = z.enum(["admin", "staff"]);
export type StaffRole = z.infer<typeof staffRoleSchema>;

const consoleSessionSchema = z.object({
  issuer: z.object({ slug: z.string(), name: z.string(), did: z.string() }),
  staff: z.object({ id: z.string(), name: z.string(), email: z.string(), role: staffRoleSchema }),
  expiresAt: z.iso.datetime({ offset: true }),
  /** Signed in with an admin's temporary password: the console shows only the change form. */
  mustChangePassword: z.boolean().default(false),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

const staffMemberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  disabled: z.boolean(),
  /** On a temporary password from an admin (new or reset): must choose their own at sign-in. */
  mustChangePassword: z.boolean().default(false),
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

  /** A new temporary password for a staff member, shown once; their sessions end. */
  resetStaffPassword: (slug: string, id: string) =>
    request(
      issuerPath(slug, `staff/${encodeURIComponent(id)}/reset-password`),
      z.object({ member: staffMemberSchema, temporaryPassword: z.string() }),
      { method: "POST" },
    ),
  /** The signed-in staff member's own password; their other sessions end. */
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request("/api/v1/session/password", z.object({ sessionsEnded: z.number().int() }), {
      method: "POST",
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

  /** One page of the registry and the number of all matches. */
  searchCredentials: async (
    session: IssuerSession,
    search: CredentialSearch,
    signal?: AbortSignal,
  ): Promise<{ items: IssuedCredentialSummary[]; total: number }> => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(search)) {
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const res = await send(`${credentialsPath(session.slug)}?${params}`, { session, signal });
    const items = await parseAnswer(res, z.array(issuedCredentialSummarySchema));
    const total = Number(res.headers.get("X-Total-Count") ?? items.length);
    return { items, total: Number.isFinite(total) ? total : items.length };
  },

  amendCredential: (
    session: IssuerSession,
    credentialId: string,
    subject: Record<string, unknown>,
  ) =>
    request(
      `${credentialsPath(session.slug)}/${encodeURIComponent(credentialId)}/amend`,
      amendedCredentialSchema,
      { method: "POST", session, body: { subject } },
    ),

  bulkPreview: async (session: IssuerSession, input: BulkUploadInput) =>
    parseAnswer(
      await send(`${bulkPath(session.slug)}/preview`, {
        method: "POST",
        session,
        form: bulkForm(input),
      }),
      bulkPreviewSchema,
    ),

  bulkStart: async (session: IssuerSession, input: BulkUploadInput) =>
    parseAnswer(
      await send(`${bulkPath(session.slug)}/jobs`, {
        method: "POST",
        session,
        form: bulkForm(input),
      }),
      bulkJobSchema,
    ),

  bulkJobs: (session: IssuerSession, signal?: AbortSignal) =>
    request(`${bulkPath(session.slug)}/jobs`, z.array(bulkJobSchema), { session, signal }),

  bulkJob: (session: IssuerSession, jobId: string, signal?: AbortSignal) =>
    request(`${bulkPath(session.slug)}/jobs/${encodeURIComponent(jobId)}`, bulkJobSchema, {
      session,
      signal,
    }),

  /** The result CSV (claim links are secrets: fetched with the key, never put in a URL). */
  bulkResult: async (session: IssuerSession, jobId: string) => {
    const res = await send(`${bulkPath(session.slug)}/jobs/${encodeURIComponent(jobId)}/result`, {
      session,
    });
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1];
    return { blob: await res.blob(), fileName: name ?? "claim-links.csv" };
  },

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
