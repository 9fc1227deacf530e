import { z } from "zod";

/**
 * A verifier's request: what it needs to see (presets, combinable), why, and who asks. Universal:
 * the verifier page builds it, the server stores it, the wallet reads it.
 */

const param = (what: string, max = 120) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} is required` })
    .max(max, { error: `${what} must be at most ${max} characters` });

export const licensedRequirementSchema = z.object({
  kind: z.literal("licensed"),
  jurisdiction: param("The jurisdiction"),
});
export const boardCertifiedRequirementSchema = z.object({
  kind: z.literal("board-certified"),
  specialty: param("The specialty"),
});
export const privilegesRequirementSchema = z.object({
  kind: z.literal("privileges"),
  procedure: param("The procedure", 200),
});
export const cmeRequirementSchema = z.object({
  kind: z.literal("cme"),
  hours: z
    .number({ error: "The hours must be a number" })
    .positive({ error: "The hours must be more than 0" })
    .max(1000, { error: "The hours must be at most 1000" }),
});

export const requirementSchema = z.discriminatedUnion(
  "kind",
  [
    licensedRequirementSchema,
    boardCertifiedRequirementSchema,
    privilegesRequirementSchema,
    cmeRequirementSchema,
  ],
  { error: "must be one of: licensed, board-certified, privileges, cme" },
);
export type Requirement = z.infer<typeof requirementSchema>;
export type RequirementKind = Requirement["kind"];

export const MAX_REQUIREMENTS = 8;

export const requestPolicySchema = z.object({
  verifierName: param("The verifier's name"),
  purpose: param("The purpose", 500),
  requirements: z
    .array(requirementSchema)
    .min(1, { error: "Ask for at least one thing" })
    .max(MAX_REQUIREMENTS, { error: `Ask for at most ${MAX_REQUIREMENTS} things` }),
});
export type RequestPolicy = z.infer<typeof requestPolicySchema>;

/** A DCQL claims query (OpenID4VP 1.0 §6.3): a path into the credential, optionally with values. */
export const dcqlClaimSchema = z.object({
  id: z.string().optional(),
  path: z.array(z.union([z.string(), z.number().int().nonnegative(), z.null()])).min(1),
  values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type DcqlClaim = z.infer<typeof dcqlClaimSchema>;

export const dcqlCredentialQuerySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  format: z.literal("jwt_vc_json"),
  multiple: z.boolean().optional(),
  meta: z.object({ type_values: z.array(z.array(z.string()).min(1)).min(1) }),
  claims: z.array(dcqlClaimSchema).optional(),
});
export type DcqlCredentialQuery = z.infer<typeof dcqlCredentialQuerySchema>;

export const dcqlQuerySchema = z.object({
  credentials: z.array(dcqlCredentialQuerySchema).min(1),
});
export type DcqlQuery = z.infer<typeof dcqlQuerySchema>;

/** One requirement's answer: met, not met, or cannot be checked (never read as met). */
export type RequirementOutcome = "met" | "not_met" | "unknown";

export const requirementResultSchema = z.object({
  /** The DCQL credential query id of this requirement. */
  id: z.string(),
  label: z.string(),
  outcome: z.enum(["met", "not_met", "unknown"]),
  reason: z.string(),
  /** 1-based positions in the presentation of the credentials that satisfied it (or were tried). */
  credentials: z.array(z.number().int().positive()),
});
export type RequirementResult = z.infer<typeof requirementResultSchema>;

export const policyEvaluationSchema = z.object({
  outcome: z.enum(["met", "not_met", "unknown"]),
  requirements: z.array(requirementResultSchema),
});
export type PolicyEvaluation = z.infer<typeof policyEvaluationSchema>;

/**
 * A request's lifecycle as anyone sees it; "verifying" is the moment between nonce and stored
 * result; "declined" is the doctor's refusal (an OpenID4VP error response), as final as an answer.
 */
export const requestStateSchema = z.enum([
  "pending",
  "verifying",
  "answered",
  "declined",
  "expired",
]);
export type RequestState = z.infer<typeof requestStateSchema>;

/**
 * The public request object (GET /api/v1/requests/{id}): what a wallet needs to answer. Field
 * names follow OpenID4VP where it has one (client_id, nonce, dcql_query, response_uri,
 * response_mode, response_type).
 */
export const publicRequestSchema = z.object({
  id: z.string().min(1),
  client_id: z.string().min(1),
  /** The audience the presentation must be signed for (= client_id). */
  audience: z.string().min(1),
  nonce: z.string().min(1),
  response_type: z.literal("vp_token"),
  response_mode: z.literal("direct_post"),
  response_uri: z.url(),
  dcql_query: dcqlQuerySchema,
  verifier: z.object({ name: z.string() }),
  purpose: z.string(),
  requirements: z.array(requirementSchema.and(z.object({ label: z.string() }))),
  expires_at: z.iso.datetime({ offset: true }),
  state: requestStateSchema,
});
export type PublicRequest = z.infer<typeof publicRequestSchema>;

const checkSchema = z.object({
  id: z.string(),
  ok: z.boolean().nullable(),
  code: z.string(),
  message: z.string(),
  details: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional(),
});

/** What the verifier stored when the request was answered; the creator reads it with its secret. */
export const requestAnswerSchema = z.object({
  answeredAt: z.iso.datetime({ offset: true }),
  verified: z.boolean(),
  checks: z.array(checkSchema),
  holder: z.string().optional(),
  credentials: z.array(
    z.object({ jwt: z.string(), verified: z.boolean(), checks: z.array(checkSchema) }),
  ),
  policy: policyEvaluationSchema,
});
export type RequestAnswer = z.infer<typeof requestAnswerSchema>;

/** GET /api/v1/requests/{id} with the read secret: the public object plus the answer. */
export const requestStatusSchema = publicRequestSchema.extend({
  answer: requestAnswerSchema.nullable(),
});
export type RequestStatus = z.infer<typeof requestStatusSchema>;

/** POST /api/v1/requests → 201. */
export const createdRequestSchema = z.object({
  request: publicRequestSchema,
  readSecret: z.string().min(1),
  walletUrl: z.url(),
});
export type CreatedRequest = z.infer<typeof createdRequestSchema>;

/** The answer the wallet gets back from the response endpoint. */
export const responseReceiptSchema = z.object({
  state: z.literal("answered"),
  verified: z.boolean(),
  outcome: z.enum(["met", "not_met", "unknown"]),
});
export type ResponseReceipt = z.infer<typeof responseReceiptSchema>;

/** The answer the wallet gets back when it posted a refusal (error=access_denied). */
export const declineReceiptSchema = z.object({ state: z.literal("declined") });
export type DeclineReceipt = z.infer<typeof declineReceiptSchema>;
