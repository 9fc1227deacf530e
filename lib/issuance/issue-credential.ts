import "server-only";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { z } from "zod";
import { subjectValidUntil } from "@/lib/credentials/credential-types";
import { subjectSchemaByType } from "@/lib/credentials/schemas";
import { credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import { appendAudit, systemActor, type Actor } from "./audit-log";
import type { Issuer } from "./authenticate-issuer";
import { hashSecret } from "./hash-secret";
import { credentialPayload } from "./credential-payload";
import type { IssueCredentialBody } from "./schemas";
import type { IssuanceServices } from "./services";
import { credentialOfferLink } from "./oid4vci/credential-offer";
import { signJwtVc } from "./sign-jwt-vc";
import { reserveSeries, statusListId } from "./status-lists";

export const CLAIM_LINK_TTL_MS = 7 * 24 * 3600 * 1000;
const MAX_INDEX_ATTEMPTS = 32;

export type IssuedCredential = {
  id: string;
  jwt: string;
  claimUrl: string;
  /** The same claim as an OpenID4VCI credential offer, for standard wallets. */
  credentialOfferUri: string;
  claimExpiresAt: string;
  status: { listId: string; index: number };
};

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Issues one credential: validates the claims against the type's schema, takes a random unused
 * index in the issuer's current status lists (herd privacy: neighbours in a list say nothing
 * about each other), signs, and stores it with a one-time claim link.
 */
export async function issueCredential(
  svc: IssuanceServices,
  issuer: Issuer,
  body: IssueCredentialBody,
  now: Date = new Date(),
  actor: Actor = systemActor,
): Promise<IssuedCredential> {
  if (!issuer.credentialTypes.includes(body.type)) {
    throw new AppError("FORBIDDEN", `${issuer.name} is not set up to issue ${body.type}.`);
  }
  const parsed = subjectSchemaByType[body.type].safeParse(body.subject);
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION_FAILED",
      "The credential subject is not valid.",
      fieldErrors(parsed.error),
    );
  }
  const { id: subjectDid, ...claims } = parsed.data;
  // Without an explicit end, a credential ends with its subject (a licence's last day, …).
  const fromSubject = body.validUntil ? undefined : subjectValidUntil(body.type, parsed.data);
  const until = body.validUntil ?? fromSubject?.until;
  const validUntil = until ? new Date(until) : null;
  if (validUntil && validUntil.getTime() <= now.getTime()) {
    const field = fromSubject ? `subject.${fromSubject.path}` : "validUntil";
    throw new AppError("VALIDATION_FAILED", `${field} must lie in the future.`, {
      [field]: ["must lie in the future"],
    });
  }

  const series = await reserveSeries(svc, issuer);
  const token = randomBytes(24).toString("base64url");
  const id = randomUUID();
  const claimExpiresAt = new Date(now.getTime() + CLAIM_LINK_TTL_MS);
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);

  for (let attempt = 0; attempt < MAX_INDEX_ATTEMPTS; attempt++) {
    const row = {
      id,
      issuerSlug: issuer.slug,
      type: body.type,
      subjectDid: subjectDid ?? null,
      claims,
      listSeries: series,
      statusIndex: randomInt(STATUS_LIST_SIZE),
      issuedAt,
      validUntil,
      claimTokenHash: hashSecret(token),
      claimExpiresAt,
    };
    const jwt = await signJwtVc(svc, issuer, credentialPayload(svc, row, row.subjectDid));
    try {
      // The credential and its audit entry commit together or not at all.
      await svc.db.transaction(async (tx) => {
        await tx.insert(credentials).values({ ...row, jwt });
        await appendAudit(tx, {
          issuer,
          actor,
          action: "credential.issued",
          credentialId: id,
          details: { type: body.type },
          at: now,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) continue; // that index is taken: draw again
      throw err;
    }
    return {
      id,
      jwt,
      claimUrl: `${svc.publicUrl}/wallet/claim#${token}`,
      credentialOfferUri: credentialOfferLink(svc, token),
      claimExpiresAt: claimExpiresAt.toISOString(),
      status: { listId: statusListId(issuer.slug, "revocation", series), index: row.statusIndex },
    };
  }
  throw new AppError("CONFLICT", "Could not find a free status index; the list may be full.");
}

/** Keyed by the full request path, e.g. "subject.achievement.name" or "subject.conditions.0.text". */
function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    (fields[["subject", ...issue.path].join(".")] ??= []).push(issue.message);
  }
  return fields;
}
