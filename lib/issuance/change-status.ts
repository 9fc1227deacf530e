import "server-only";
import { and, eq } from "drizzle-orm";
import { credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Issuer } from "./authenticate-issuer";
import type { StatusAction } from "./schemas";
import type { IssuanceServices } from "./services";
import { anchorPending, setStatusBit, statusListId, type AnchorState } from "./status-lists";

export type StatusChange = AnchorState & { status: "active" | "revoked" | "suspended" };

/**
 * Revoke, suspend or reinstate one of the issuer's credentials: flips its bit, signs the new
 * list version and anchors it. Revocation is final; suspension can be lifted. Repeating an
 * action that is already in effect changes nothing and reports the current anchor.
 */
export async function changeCredentialStatus(
  svc: IssuanceServices,
  issuer: Issuer,
  credentialId: string,
  action: StatusAction,
  reason: string | undefined,
): Promise<StatusChange> {
  const [row] = await svc.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.id, credentialId), eq(credentials.issuerSlug, issuer.slug)));
  // Another issuer's credential is indistinguishable from a missing one.
  if (!row) throw new AppError("NOT_FOUND", `No credential "${credentialId}" from this issuer.`);

  if (row.status === "revoked" && action !== "revoke") {
    throw new AppError("CONFLICT", "This credential is revoked; revocation cannot be undone.");
  }
  const purpose = action === "revoke" ? "revocation" : "suspension";
  const listId = statusListId(issuer.slug, purpose, row.listSeries);
  const next = action === "revoke" ? "revoked" : action === "suspend" ? "suspended" : "active";

  if (row.status === next) {
    return { ...(await anchorPending(svc, issuer, listId)), status: next };
  }
  const anchor = await setStatusBit(
    svc,
    issuer,
    listId,
    row.statusIndex,
    action !== "reinstate",
    (tx) =>
      tx
        .update(credentials)
        .set({ status: next, statusReason: reason ?? null })
        .where(eq(credentials.id, row.id))
        .then(() => undefined),
  );
  return { ...anchor, status: next };
}
