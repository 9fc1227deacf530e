import "server-only";
import { credentialOfferLink } from "./oid4vci/credential-offer";
import { appendAudit, systemActor, type Actor } from "./audit-log";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { isCredentialTypeName, subjectValidUntil } from "@/lib/credentials/credential-types";
import { subjectSchemaByType } from "@/lib/credentials/schemas";
import { credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { STATUS_LIST_SIZE } from "@/lib/status/bitstring";
import type { Issuer } from "./authenticate-issuer";
import { ANCHOR_WAIT_MS } from "./change-status";
import { credentialPayload } from "./credential-payload";
import { hashSecret } from "./hash-secret";
import { CLAIM_LINK_TTL_MS, type IssuedCredential } from "./issue-credential";
import type { AmendCredentialBody } from "./schemas";
import type { IssuanceServices } from "./services";
import { signJwtVc } from "./sign-jwt-vc";
import { recordStatusChange, reserveSeries, statusListId, type AnchorState } from "./status-lists";

export const SUPERSEDED_REASON = "superseded";

export type AmendedCredential = IssuedCredential & {
  /** The id of the credential this one corrects, as `previous` in the VC (`urn:uuid:…`). */
  previous: string;
  /** The revocation of the old credential (reason "superseded") and its anchor. */
  superseded: { id: string; anchor: AnchorState };
};

/**
 * Corrects a credential: issues a new one of the same type with the corrected subject, naming
 * the old one as `previous`, and revokes the old one with reason "superseded". The new
 * credential, the old one's new status and the revocation's outbox row are written in one
 * transaction, so there is never a correction without the revocation or the reverse. The new
 * credential keeps the old one's row key (it is the same record), and gets a new claim link.
 */
export async function amendCredential(
  svc: IssuanceServices,
  issuer: Issuer,
  credentialId: string,
  body: AmendCredentialBody,
  opts: { now?: Date; waitMs?: number; actor?: Actor } = {},
): Promise<AmendedCredential> {
  const now = opts.now ?? new Date();
  const [old] = await svc.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.id, credentialId), eq(credentials.issuerSlug, issuer.slug)));
  if (!old) throw new AppError("NOT_FOUND", `No credential "${credentialId}" from this issuer.`);
  if (old.status === "revoked") {
    throw new AppError(
      "CONFLICT",
      old.statusReason === SUPERSEDED_REASON
        ? "This credential was already corrected; amend its newest version."
        : "This credential is revoked; a revoked credential cannot be corrected.",
    );
  }
  const type = old.type;
  if (!isCredentialTypeName(type) || !issuer.credentialTypes.includes(type)) {
    throw new AppError("FORBIDDEN", `${issuer.name} is not set up to issue ${type}.`);
  }
  const parsed = subjectSchemaByType[type].safeParse(body.subject);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      (fields[["subject", ...issue.path].join(".")] ??= []).push(issue.message);
    }
    throw new AppError("VALIDATION_FAILED", "The corrected subject is not valid.", fields);
  }
  const { id: subjectDid, ...claims } = parsed.data;
  const until = subjectValidUntil(type, parsed.data);
  if (until && new Date(until.until).getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", `subject.${until.path} must lie in the future.`, {
      [`subject.${until.path}`]: ["must lie in the future"],
    });
  }
  // Without a new end date in the subject, the correction ends when the original did.
  const validUntil = until ? new Date(until.until) : old.validUntil;

  const series = await reserveSeries(svc, issuer);
  const token = randomBytes(24).toString("base64url");
  const id = randomUUID();
  const claimExpiresAt = new Date(now.getTime() + CLAIM_LINK_TTL_MS);
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const oldListId = statusListId(issuer.slug, "revocation", old.listSeries);

  for (let attempt = 0; attempt < 32; attempt++) {
    const row = {
      id,
      issuerSlug: issuer.slug,
      type,
      // The holder stays bound unless the correction names another DID.
      subjectDid: subjectDid ?? old.subjectDid ?? null,
      claims,
      listSeries: series,
      statusIndex: randomInt(STATUS_LIST_SIZE),
      issuedAt,
      validUntil,
      claimTokenHash: hashSecret(token),
      claimExpiresAt,
      rowKey: old.rowKey,
      previousId: old.id,
    };
    const jwt = await signJwtVc(svc, issuer, credentialPayload(svc, row, row.subjectDid));
    const changeId = await svc.db
      .transaction(async (tx) => {
        await tx.insert(credentials).values({ ...row, jwt });
        const moved = await tx
          .update(credentials)
          .set({ status: "revoked", statusReason: SUPERSEDED_REASON })
          .where(and(eq(credentials.id, old.id), eq(credentials.status, old.status)))
          .returning({ id: credentials.id });
        if (moved.length === 0) {
          throw new AppError("CONFLICT", "The credential changed meanwhile; reload and retry.");
        }
        const change = await recordStatusChange(tx, {
          listId: oldListId,
          index: old.statusIndex,
          value: true,
          credentialId: old.id,
        });
        await appendAudit(tx, {
          issuer,
          actor: opts.actor ?? systemActor,
          action: "credential.amended",
          credentialId: id,
          details: { supersedes: old.id, ...(body.reason ? { reason: body.reason } : {}) },
        });
        return change;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err) && !isAppErrorLike(err)) return null; // slot taken: redraw
        throw err;
      });
    if (changeId === null) continue;
    svc.anchoring.notify(oldListId);
    const anchor = await svc.anchoring.waitForChange(changeId, opts.waitMs ?? ANCHOR_WAIT_MS);
    return {
      id,
      jwt,
      claimUrl: `${svc.publicUrl}/wallet/claim#${token}`,
      credentialOfferUri: credentialOfferLink(svc, token),
      claimExpiresAt: claimExpiresAt.toISOString(),
      status: { listId: statusListId(issuer.slug, "revocation", series), index: row.statusIndex },
      previous: `urn:uuid:${old.id}`,
      superseded: { id: old.id, anchor },
    };
  }
  throw new AppError("CONFLICT", "Could not find a free status index; the list may be full.");
}

function isAppErrorLike(err: unknown): boolean {
  return err instanceof AppError;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
