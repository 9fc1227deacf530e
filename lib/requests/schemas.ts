import { z } from "zod";
import { MAX_PRESENTATION_BYTES } from "@/lib/credentials/decode-presentation";
import { requestPolicySchema } from "@/lib/credentials/policy/schemas";

/** Bodies and parameters of /api/v1/requests. The policy itself is in lib/credentials/policy. */

export const REQUEST_TTL_SECONDS = { default: 600, min: 60, max: 3600 } as const;

export const createRequestBodySchema = requestPolicySchema.extend({
  ttlSeconds: z
    .int({ error: "ttlSeconds must be a whole number of seconds" })
    .min(REQUEST_TTL_SECONDS.min, {
      error: `ttlSeconds must be at least ${REQUEST_TTL_SECONDS.min}`,
    })
    .max(REQUEST_TTL_SECONDS.max, {
      error: `ttlSeconds must be at most ${REQUEST_TTL_SECONDS.max}`,
    })
    .optional(),
});
export type CreateRequestBody = z.infer<typeof createRequestBodySchema>;

export const requestIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "The request id is not valid." });

const presentationJwt = z
  .string()
  .trim()
  .min(1, { error: "a presentation must be a compact JWT" })
  .max(MAX_PRESENTATION_BYTES, {
    error: `a presentation is larger than ${MAX_PRESENTATION_BYTES} bytes`,
  });

/**
 * OpenID4VP direct_post: `vp_token` is, with DCQL, an object from credential query id to the
 * presentations answering it; a plain compact JWT is accepted too. Vitae answers every query with
 * one presentation, so all entries must be the same one.
 */
export const requestResponseBodySchema = z.object({
  vp_token: z.union(
    [
      presentationJwt,
      z
        .record(z.string().max(64), z.array(presentationJwt).min(1).max(1))
        .refine((r) => Object.keys(r).length > 0, { error: "vp_token names no credential query" }),
    ],
    { error: "vp_token must be a presentation JWT or an object of query id → [presentation]" },
  ),
  state: z.string().max(256).optional(),
});
export type RequestResponseBody = z.infer<typeof requestResponseBodySchema>;

/**
 * OpenID4VP error response (§8.5), posted to `response_uri` when the doctor declines: no
 * vp_token, `error=access_denied`. Other error codes are wallet failures a verifier cannot act on,
 * so they are refused and leave the request open.
 */
export const requestErrorResponseBodySchema = z.object({
  error: z.literal("access_denied", {
    error: "error must be access_denied (the doctor declined)",
  }),
  error_description: z.string().max(500).optional(),
  state: z.string().max(256).optional(),
  vp_token: z.undefined({ error: "a refusal (error) carries no vp_token" }).optional(),
});
export type RequestErrorResponseBody = z.infer<typeof requestErrorResponseBodySchema>;

/** A post to `response_uri` carrying `error` is a refusal; anything else is read as an answer. */
export const isErrorResponse = (raw: unknown): boolean =>
  typeof raw === "object" && raw !== null && "error" in raw;
