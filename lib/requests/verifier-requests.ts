import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { describeRequirement } from "@/lib/credentials/policy/describe-requirement";
import { evaluatePolicy } from "@/lib/credentials/policy/evaluate-policy";
import { requestDcql } from "@/lib/credentials/policy/request-dcql";
import {
  requestPolicySchema,
  type CreatedRequest,
  type DeclineReceipt,
  type PublicRequest,
  type RequestAnswer,
  type RequestState,
  type RequestStatus,
  type ResponseReceipt,
} from "@/lib/credentials/policy/schemas";
import { verifyPresentation } from "@/lib/credentials/verify-presentation";
import { verifierRequests } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { hashSecret } from "@/lib/issuance/hash-secret";
import { serverVerifyDeps } from "@/lib/issuance/server-verifier";
import type { IssuanceServices } from "@/lib/issuance/services";
import { REQUEST_TTL_SECONDS, type CreateRequestBody, type RequestResponseBody } from "./schemas";

/**
 * Verifier requests, OpenID4VP-style: a verifier creates one (policy → DCQL, nonce, audience,
 * expiry), the wallet reads the public object and posts a presentation to `response_uri`
 * (`direct_post`), and the verifier polls for the verified answer with the read secret it got at
 * creation.
 *
 * A request is answered once: the nonce is consumed by a conditional UPDATE of the row (unanswered,
 * unexpired), and only after the holder's signature over it is confirmed, so a forged or
 * unsigned post does not burn the doctor's request; it is refused and the request stays open.
 *
 * The doctor may decline instead (OpenID4VP error response, `error=access_denied`). A refusal
 * closes the request under the same once-only rule, by the same conditional UPDATE; it carries no
 * signature (OpenID4VP error responses have none), so it says nothing about the doctor and the
 * verifier page only reports it.
 */

type Row = typeof verifierRequests.$inferSelect;
type Clock = { now?: () => Date };

const random = (bytes: number) => randomBytes(bytes).toString("base64url");

function stateOf(row: Row, now: Date): RequestState {
  if (row.declinedAt) return "declined";
  if (row.result) return "answered";
  if (row.answeredAt) return "verifying";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

function publicObject(svc: IssuanceServices, row: Row, now: Date): PublicRequest {
  const policy = requestPolicySchema.parse(row.policy);
  const base = `${svc.publicUrl}/api/v1/requests/${row.id}`;
  return {
    id: row.id,
    client_id: row.audience,
    audience: row.audience,
    nonce: row.nonce,
    response_type: "vp_token",
    response_mode: "direct_post",
    response_uri: `${base}/response`,
    dcql_query: requestDcql(policy),
    verifier: { name: row.verifierName },
    purpose: row.purpose,
    requirements: policy.requirements.map((r) => ({ ...r, label: describeRequirement(r) })),
    expires_at: row.expiresAt.toISOString(),
    state: stateOf(row, now),
  };
}

async function findRow(svc: IssuanceServices, id: string): Promise<Row> {
  const [row] = await svc.db.select().from(verifierRequests).where(eq(verifierRequests.id, id));
  if (!row) throw new AppError("NOT_FOUND", "There is no such request.");
  return row;
}

export async function createVerifierRequest(
  svc: IssuanceServices,
  body: CreateRequestBody,
  { now = () => new Date() }: Clock = {},
): Promise<CreatedRequest> {
  const id = random(16);
  const readSecret = random(32);
  const at = now();
  const { ttlSeconds = REQUEST_TTL_SECONDS.default, ...policy } = body;
  const [row] = await svc.db
    .insert(verifierRequests)
    .values({
      id,
      readSecretHash: hashSecret(readSecret),
      nonce: random(32),
      audience: `${svc.publicUrl}/api/v1/requests/${id}`,
      verifierName: policy.verifierName,
      purpose: policy.purpose,
      policy,
      dcql: requestDcql(policy),
      expiresAt: new Date(at.getTime() + ttlSeconds * 1000),
    })
    .returning();
  return {
    request: publicObject(svc, row!, at),
    readSecret,
    walletUrl: `${svc.publicUrl}/wallet/present?request=${id}`,
  };
}

function secretMatches(row: Row, secret: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(row.readSecretHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The public request object; with the creator's read secret, also the answer. A wrong secret is
 * refused rather than silently giving the public view, so the verifier page notices.
 */
export async function readVerifierRequest(
  svc: IssuanceServices,
  id: string,
  readSecret: string | undefined,
  { now = () => new Date() }: Clock = {},
): Promise<PublicRequest | RequestStatus> {
  const row = await findRow(svc, id);
  const request = publicObject(svc, row, now());
  if (readSecret === undefined) return request;
  if (!secretMatches(row, readSecret)) {
    throw new AppError("FORBIDDEN", "This read secret does not belong to the request.");
  }
  return { ...request, answer: (row.result as RequestAnswer | null) ?? null };
}

function refuseClosed(row: Row, now: Date): void {
  const state = stateOf(row, now);
  if (state === "declined") {
    throw new AppError("REQUEST_ANSWERED", "This request has already been declined.");
  }
  if (state === "answered" || state === "verifying") {
    throw new AppError("REQUEST_ANSWERED", "This request has already been answered.");
  }
  if (state === "expired") {
    throw new AppError(
      "REQUEST_EXPIRED",
      "This request has expired. Ask the verifier for a new one.",
    );
  }
}

function presentationOf(body: RequestResponseBody): string {
  if (typeof body.vp_token === "string") return body.vp_token;
  const distinct = new Set(Object.values(body.vp_token).flat());
  if (distinct.size !== 1) {
    throw new AppError(
      "VALIDATION_FAILED",
      "Answer every credential query with the same single presentation.",
      { vp_token: ["must hold one presentation"] },
    );
  }
  return [...distinct][0]!;
}

export async function answerVerifierRequest(
  svc: IssuanceServices,
  id: string,
  body: RequestResponseBody,
  { now = () => new Date() }: Clock = {},
): Promise<ResponseReceipt> {
  const row = await findRow(svc, id);
  refuseClosed(row, now());
  const presentation = presentationOf(body);

  const deps = await serverVerifyDeps(svc);
  const result = await verifyPresentation(
    presentation,
    { challenge: row.nonce, domain: row.audience },
    {
      ...deps,
      now,
      consumeNonce: async (nonce) => {
        const consumed = await svc.db
          .update(verifierRequests)
          .set({ answeredAt: now() })
          .where(
            and(
              eq(verifierRequests.id, id),
              eq(verifierRequests.nonce, nonce),
              isNull(verifierRequests.answeredAt),
              gt(verifierRequests.expiresAt, now()),
            ),
          )
          .returning({ id: verifierRequests.id });
        return consumed.length === 1;
      },
    },
  );

  const challenge = result.checks.find((c) => c.id === "challenge");
  if (challenge?.ok !== true) {
    // Lost a race with another answer, or expired meanwhile: say which.
    if (challenge?.code === "NONCE_REPLAYED") refuseClosed(await findRow(svc, id), now());
    const reason = result.checks.find((c) => c.ok !== true);
    throw new AppError(
      "BAD_REQUEST",
      `The presentation was not accepted, and the request is still open: ${reason?.message ?? "it could not be checked."}`,
      { [reason?.id ?? "vp_token"]: [reason?.code ?? "NOT_ACCEPTED"] },
    );
  }

  const policy = requestPolicySchema.parse(row.policy);
  const evaluation = evaluatePolicy(policy, result, { now: now() });
  const answer: RequestAnswer = {
    answeredAt: now().toISOString(),
    verified: result.verified,
    checks: result.checks,
    ...(result.presentation ? { holder: result.presentation.holder } : {}),
    credentials: result.credentials.map((c, i) => ({
      jwt: result.presentation?.credentials[i] ?? "",
      verified: c.verified,
      checks: c.checks,
    })),
    policy: evaluation,
  };
  await svc.db.update(verifierRequests).set({ result: answer }).where(eq(verifierRequests.id, id));
  return { state: "answered", verified: result.verified, outcome: evaluation.outcome };
}

/** The doctor declined: close the request once, as an answer would, with nothing shared. */
export async function declineVerifierRequest(
  svc: IssuanceServices,
  id: string,
  { now = () => new Date() }: Clock = {},
): Promise<DeclineReceipt> {
  const row = await findRow(svc, id);
  refuseClosed(row, now());
  const at = now();
  const closed = await svc.db
    .update(verifierRequests)
    .set({ answeredAt: at, declinedAt: at })
    .where(
      and(
        eq(verifierRequests.id, id),
        isNull(verifierRequests.answeredAt),
        gt(verifierRequests.expiresAt, at),
      ),
    )
    .returning({ id: verifierRequests.id });
  // Lost a race with an answer (or the clock ran out meanwhile): say which.
  if (closed.length !== 1) {
    refuseClosed(await findRow(svc, id), now());
    throw new AppError("REQUEST_ANSWERED", "This request has already been answered.");
  }
  return { state: "declined" };
}
