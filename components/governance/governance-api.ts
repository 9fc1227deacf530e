import { z } from "zod";
import type { AccreditationBody, WithdrawalBody } from "@/lib/governance/schemas";

/**
 * The governance console's client for /api/v1/governance. Answers are parsed with zod; failures
 * become GovernanceApiError with the server's code, message and field errors.
 */

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

const accessSchema = z.object({
  account: address.nullable(),
  registry: z.object({ chainId: z.number().int(), address }),
});
export type GovernanceAccessInfo = z.infer<typeof accessSchema>;

const changeSchema = z.object({
  did: z.string(),
  txHash: z.string().regex(/^0x[0-9a-f]{64}$/),
  blockNumber: z.number().int(),
  at: z.iso.datetime({ offset: true }),
});
export type RegistryChangeResult = z.infer<typeof changeSchema>;

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export class GovernanceApiError extends Error {
  /** 0 when the server was never reached. */
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = "GovernanceApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  key: string,
  body?: unknown,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new GovernanceApiError(0, "NETWORK", "Could not reach the Vitae server. Try again.");
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new GovernanceApiError(res.status, code, message, fields);
    }
    throw new GovernanceApiError(res.status, "HTTP_ERROR", `The server answered ${res.status}.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new GovernanceApiError(
      res.status,
      "BAD_RESPONSE",
      "The server's answer was not understood.",
    );
  }
  return parsed.data;
}

export const governanceApi = {
  /** Checks the key; answers with the authority account this server signs with. */
  access: (key: string) => request("/api/v1/governance", accessSchema, key),
  accredit: (key: string, body: AccreditationBody) =>
    request("/api/v1/governance/accreditations", changeSchema, key, body),
  withdraw: (key: string, body: WithdrawalBody) =>
    request("/api/v1/governance/withdrawals", changeSchema, key, body),
};
