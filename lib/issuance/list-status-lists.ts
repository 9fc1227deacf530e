import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { issuers, statusListVersions, statusLists } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { IssuanceServices } from "./services";
import { statusListUrl } from "./status-lists";

/**
 * The public index of status lists: where each is served, which version the ledger vouches for,
 * and whether a newer version is waiting for its anchor. No personal data: lists hold bits only.
 */
export type StatusListSummary = {
  id: string;
  url: string;
  issuer: { slug: string; name: string; did: string };
  purpose: "revocation" | "suspension";
  series: number;
  /** The version the public endpoint serves: the newest one anchored. */
  servedVersion: number | null;
  anchoredAt: string | null;
  anchorTx: string | null;
  validUntil: string | null;
  /** A newer version recorded but not yet on the ledger. */
  pendingVersion: number | null;
  pendingSince: string | null;
  pendingAttempts: number;
};

export async function listStatusLists(
  svc: IssuanceServices,
  filter: { listId?: string } = {},
): Promise<StatusListSummary[]> {
  const served = alias(statusListVersions, "served");
  const pending = alias(statusListVersions, "pending");
  const rows = await svc.db
    .select({ list: statusLists, issuer: issuers, served, pending })
    .from(statusLists)
    .innerJoin(issuers, eq(issuers.slug, statusLists.issuerSlug))
    .leftJoin(
      served,
      and(eq(served.listId, statusLists.id), eq(served.version, statusLists.anchoredVersion)),
    )
    .leftJoin(pending, and(eq(pending.listId, statusLists.id), eq(pending.state, "pending")))
    .where(filter.listId ? eq(statusLists.id, filter.listId) : undefined)
    .orderBy(asc(issuers.name), asc(statusLists.series), asc(statusLists.purpose));
  return rows.map(({ list, issuer, served: s, pending: p }) => ({
    id: list.id,
    url: statusListUrl(svc, list.id),
    issuer: { slug: issuer.slug, name: issuer.name, did: issuer.did },
    purpose: list.purpose,
    series: list.series,
    servedVersion: s?.version ?? null,
    anchoredAt: s?.anchoredAt?.toISOString() ?? null,
    anchorTx: s?.anchorTx ?? null,
    validUntil: s?.validUntil?.toISOString() ?? null,
    pendingVersion: p?.version ?? null,
    pendingSince: p?.createdAt.toISOString() ?? null,
    pendingAttempts: p?.attempts ?? 0,
  }));
}

export async function getStatusListSummary(
  svc: IssuanceServices,
  listId: string,
): Promise<StatusListSummary> {
  const [row] = await listStatusLists(svc, { listId });
  if (!row) throw new AppError("NOT_FOUND", `No status list "${listId}".`);
  return row;
}
