import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { credentials, statusChanges, statusListVersions, statusLists } from "@/lib/db/schema";
import type { Issuer } from "./authenticate-issuer";
import type { IssuanceServices } from "./services";
import { statusListId } from "./status-lists";

export type CredentialAnchor = {
  listId: string;
  /** The list version that carries the credential's latest status (or the served one). */
  version: number;
  /** "pending": the change is recorded but the ledger has not confirmed it yet. */
  state: "anchored" | "pending";
  anchorTx: string | null;
  anchoredAt: string | null;
  /** Why the last anchor attempt failed, while pending. */
  lastError: string | null;
};

export type IssuedCredentialSummary = {
  id: string;
  type: string;
  subjectName: string | null;
  subjectDid: string | null;
  status: "active" | "revoked" | "suspended";
  statusReason: string | null;
  issuedAt: string;
  validUntil: string | null;
  claimed: boolean;
  revocation: {
    listId: string;
    index: number;
    anchoredVersion: number | null;
    anchorTx: string | null;
  };
  /** The ledger anchor behind the credential's current status. */
  anchor: CredentialAnchor | null;
};

/**
 * The issuer's newest credentials, each with the anchor that vouches for its current status: the
 * list version carrying its latest status change, or else the served version of its revocation
 * list. Three queries whatever the page size.
 */
export async function listIssuedCredentials(
  svc: IssuanceServices,
  issuer: Issuer,
  limit = 100,
): Promise<IssuedCredentialSummary[]> {
  const rows = await svc.db
    .select()
    .from(credentials)
    .where(eq(credentials.issuerSlug, issuer.slug))
    .orderBy(desc(credentials.issuedAt))
    .limit(limit);
  if (rows.length === 0) return [];

  // The served (newest anchored) version of each revocation list on the page.
  const listIds = [
    ...new Set(rows.map((r) => statusListId(issuer.slug, "revocation", r.listSeries))),
  ];
  const served = await svc.db
    .select({ version: statusListVersions })
    .from(statusLists)
    .innerJoin(
      statusListVersions,
      and(
        eq(statusListVersions.listId, statusLists.id),
        eq(statusListVersions.version, statusLists.anchoredVersion),
      ),
    )
    .where(inArray(statusLists.id, listIds));
  const servedByList = new Map(served.map((s) => [s.version.listId, s.version]));

  // Each credential's latest status change and the version carrying it (if cut yet).
  const changes = await svc.db
    .selectDistinctOn([statusChanges.credentialId], {
      credentialId: statusChanges.credentialId,
      listId: statusChanges.listId,
      version: statusListVersions,
      listVersion: statusLists.version,
    })
    .from(statusChanges)
    .innerJoin(statusLists, eq(statusLists.id, statusChanges.listId))
    .leftJoin(
      statusListVersions,
      and(
        eq(statusListVersions.listId, statusChanges.listId),
        eq(statusListVersions.version, statusChanges.version),
      ),
    )
    .where(
      inArray(
        statusChanges.credentialId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(statusChanges.credentialId, desc(statusChanges.id));
  const changeByCredential = new Map(changes.map((c) => [c.credentialId, c]));

  return rows.map((r) => {
    const listId = statusListId(issuer.slug, "revocation", r.listSeries);
    const servedVersion = servedByList.get(listId);
    const change = changeByCredential.get(r.id);
    const anchor: CredentialAnchor | null = change
      ? {
          listId: change.listId,
          version: change.version?.version ?? change.listVersion + 1,
          state: change.version?.state === "anchored" ? "anchored" : "pending",
          anchorTx: change.version?.anchorTx ?? null,
          anchoredAt: change.version?.anchoredAt?.toISOString() ?? null,
          lastError:
            change.version?.state === "anchored" ? null : (change.version?.lastError ?? null),
        }
      : servedVersion
        ? {
            listId,
            version: servedVersion.version,
            state: "anchored",
            anchorTx: servedVersion.anchorTx,
            anchoredAt: servedVersion.anchoredAt?.toISOString() ?? null,
            lastError: null,
          }
        : null;
    return {
      id: r.id,
      type: r.type,
      subjectName: typeof r.claims.name === "string" ? r.claims.name : null,
      subjectDid: r.subjectDid,
      status: r.status,
      statusReason: r.statusReason,
      issuedAt: r.issuedAt.toISOString(),
      validUntil: r.validUntil?.toISOString() ?? null,
      claimed: r.claimedAt !== null,
      revocation: {
        listId,
        index: r.statusIndex,
        anchoredVersion: servedVersion?.version ?? null,
        anchorTx: servedVersion?.anchorTx ?? null,
      },
      anchor,
    };
  });
}
