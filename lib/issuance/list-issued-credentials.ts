import "server-only";
import { and, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { credentials, statusChanges, statusListVersions, statusLists } from "@/lib/db/schema";
import type { Issuer } from "./authenticate-issuer";
import type { CredentialSearch } from "./schemas";
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
  /** The credential's claims as issued (for corrections in the console). */
  subject: Record<string, unknown>;
  /** The issuer's key for the record (bulk row key), if any. */
  rowKey: string | null;
  /** The credential this one corrects (amend). */
  previousId: string | null;
  /** The correction that replaced this one (it is then revoked as "superseded"). */
  supersededBy: string | null;
};

export type CredentialPage = { items: IssuedCredentialSummary[]; total: number };

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the issuer's credentials, newest first, matching a search (holder name, licence
 * number or row key, credential id), a type, a status and an issue date range (UTC days, both
 * ends included). `total` counts every match.
 */
export async function searchIssuedCredentials(
  svc: IssuanceServices,
  issuer: Issuer,
  search: Partial<CredentialSearch> = {},
): Promise<CredentialPage> {
  const conditions: (SQL | undefined)[] = [eq(credentials.issuerSlug, issuer.slug)];
  const q = search.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    const id = q.replace(/^urn:uuid:/i, "").toLowerCase();
    conditions.push(
      or(
        ilike(sql`${credentials.claims}->>'name'`, pattern),
        ilike(sql`${credentials.claims}->>'licenseNumber'`, pattern),
        ilike(credentials.rowKey, pattern),
        eq(credentials.id, id),
      ),
    );
  }
  if (search.type) conditions.push(eq(credentials.type, search.type));
  if (search.status) conditions.push(eq(credentials.status, search.status));
  if (search.issuedFrom) {
    conditions.push(gte(credentials.issuedAt, new Date(`${search.issuedFrom}T00:00:00Z`)));
  }
  if (search.issuedTo) {
    const end = new Date(`${search.issuedTo}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    conditions.push(lt(credentials.issuedAt, end));
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await svc.db
    .select({ total: count() })
    .from(credentials)
    .where(where);
  const items = await summarise(
    svc,
    issuer,
    await svc.db
      .select()
      .from(credentials)
      .where(where)
      .orderBy(desc(credentials.issuedAt), desc(credentials.id))
      .limit(search.limit ?? 100)
      .offset(search.offset ?? 0),
  );
  return { items, total };
}

/**
 * The issuer's newest credentials, each with the anchor that vouches for its current status: the
 * list version carrying its latest status change, or else the served version of its revocation
 * list. Four queries whatever the page size.
 */
export async function listIssuedCredentials(
  svc: IssuanceServices,
  issuer: Issuer,
  limit = 100,
): Promise<IssuedCredentialSummary[]> {
  return (await searchIssuedCredentials(svc, issuer, { limit })).items;
}

async function summarise(
  svc: IssuanceServices,
  issuer: Issuer,
  rows: (typeof credentials.$inferSelect)[],
): Promise<IssuedCredentialSummary[]> {
  if (rows.length === 0) return [];
  // The corrections of the credentials on the page (one query).
  const corrections = await svc.db
    .select({ id: credentials.id, previousId: credentials.previousId })
    .from(credentials)
    .where(
      and(
        eq(credentials.issuerSlug, issuer.slug),
        inArray(
          credentials.previousId,
          rows.map((r) => r.id),
        ),
      ),
    );
  const correctedBy = new Map(corrections.map((c) => [c.previousId, c.id]));

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
      subject: r.subjectDid ? { id: r.subjectDid, ...r.claims } : r.claims,
      rowKey: r.rowKey,
      previousId: r.previousId,
      supersededBy: correctedBy.get(r.id) ?? null,
    };
  });
}
