import "server-only";
import { and, eq } from "drizzle-orm";
import { credentials } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { appendAudit, systemActor, type Actor } from "./audit-log";
import type { Issuer } from "./authenticate-issuer";
import type { StatusAction } from "./schemas";
import type { IssuanceServices } from "./services";
import { recordStatusChange, servedVersion, statusListId, type AnchorState } from "./status-lists";

export type StatusChange = AnchorState & { status: "active" | "revoked" | "suspended" };

/** How long a status change request waits for its anchor before answering "pending". */
export const ANCHOR_WAIT_MS = 10_000;

/**
 * Revoke, suspend or reinstate one of the issuer's credentials. The credential's new status and
 * the outbox row for its list bit are written in one transaction; the anchoring worker then
 * batches the change into the next list version and anchors it. The answer waits (briefly) for
 * that anchor: "anchored" normally, "pending" while the chain is unreachable, with nothing lost.
 * Revocation is final; suspension can be lifted. Repeating an action already in effect changes
 * nothing and reports the list's current anchor.
 */
export async function changeCredentialStatus(
  svc: IssuanceServices,
  issuer: Issuer,
  credentialId: string,
  action: StatusAction,
  reason: string | undefined,
  opts: { waitMs?: number; actor?: Actor } = {},
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

  if (row.status === next) return { ...(await currentAnchor(svc, listId)), status: next };

  const changeId = await svc.db.transaction(async (tx) => {
    // Only from the status we read: a concurrent change of the same credential wins or loses whole.
    const moved = await tx
      .update(credentials)
      .set({ status: next, statusReason: reason ?? null })
      .where(and(eq(credentials.id, row.id), eq(credentials.status, row.status)))
      .returning({ id: credentials.id });
    if (moved.length === 0) {
      throw new AppError(
        "CONFLICT",
        "The credential's status changed meanwhile; reload and retry.",
      );
    }
    await appendAudit(tx, {
      issuer,
      actor: opts.actor ?? systemActor,
      action:
        action === "revoke"
          ? "credential.revoked"
          : action === "suspend"
            ? "credential.suspended"
            : "credential.reinstated",
      credentialId: row.id,
      details: reason ? { reason } : {},
    });
    return recordStatusChange(tx, {
      listId,
      index: row.statusIndex,
      value: action !== "reinstate",
      credentialId: row.id,
    });
  });
  svc.anchoring.notify(listId);
  const anchor = await svc.anchoring.waitForChange(changeId, opts.waitMs ?? ANCHOR_WAIT_MS);
  return { ...anchor, status: next };
}

async function currentAnchor(svc: IssuanceServices, listId: string): Promise<AnchorState> {
  const served = await servedVersion(svc, listId).catch(() => null);
  return {
    listId,
    version: served?.version ?? 0,
    state: served ? "anchored" : "pending",
    anchorTx: served?.anchorTx ?? null,
    anchoredAt: served?.anchoredAt ?? null,
  };
}
