import { z } from "zod";
import {
  createdRequestSchema,
  declineReceiptSchema,
  publicRequestSchema,
  requestStatusSchema,
  responseReceiptSchema,
  type RequestPolicy,
} from "@/lib/credentials/policy/schemas";

/**
 * The browser's side of /api/v1/requests, shared by the verifier page and the wallet. Every
 * answer is parsed with zod; an error answer becomes a RequestApiError with the server's code.
 */

const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export class RequestApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "RequestApiError";
    this.code = code;
    this.status = status;
  }
}

async function call<S extends z.ZodType>(
  schema: S,
  url: string,
  init: RequestInit = {},
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", ...init });
  } catch {
    throw new RequestApiError("NETWORK", "Vitae could not be reached. Check your connection.", 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    throw parsed.success
      ? new RequestApiError(parsed.data.error.code, parsed.data.error.message, res.status)
      : new RequestApiError("UNEXPECTED", `The server answered ${res.status}.`, res.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new RequestApiError("UNEXPECTED", "The server's answer was not understood.", res.status);
  }
  return parsed.data;
}

export function createRequest(policy: RequestPolicy) {
  return call(createdRequestSchema, "/api/v1/requests", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(policy),
  });
}

export function fetchRequestStatus(id: string, readSecret: string) {
  return call(requestStatusSchema, `/api/v1/requests/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${readSecret}` },
  });
}

export function fetchPublicRequest(id: string) {
  return call(publicRequestSchema, `/api/v1/requests/${encodeURIComponent(id)}`);
}

/**
 * direct_post of the wallet's answer: `vp_token` maps each answered DCQL query to the presentation.
 * Posted to this origin (where the request was read), which is the request's `response_uri`.
 */
export function postRequestResponse(id: string, vpToken: Record<string, string[]>) {
  return call(responseReceiptSchema, `/api/v1/requests/${encodeURIComponent(id)}/response`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ vp_token: vpToken }),
  });
}

/**
 * The doctor declines: the OpenID4VP error response (`error=access_denied`, no vp_token), posted to
 * the same response_uri, closes the request so the verifier stops waiting.
 */
export function postRequestDecline(id: string) {
  return call(declineReceiptSchema, `/api/v1/requests/${encodeURIComponent(id)}/response`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: "access_denied" }),
  });
}
