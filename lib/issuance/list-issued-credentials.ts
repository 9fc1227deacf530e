import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { credentials, statusListVersions } from "@/lib/db/schema";
import type { Issuer } from "./authenticate-issuer";
import type { IssuanceServices } from "./services";
import { statusListId } from "./status-lists";

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
};

/** The issuer's newest credentials with the anchor of their revocation list. */
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
  const listIds = [
    ...new Set(rows.map((r) => statusListId(issuer.slug, "revocation", r.listSeries))),
  ];
  const anchored =
    listIds.length === 0
      ? []
      : await svc.db
          .select()
          .from(statusListVersions)
          .where(
            and(
              inArray(statusListVersions.listId, listIds),
              eq(statusListVersions.state, "anchored"),
            ),
          )
          .orderBy(desc(statusListVersions.version));
  const latestByList = new Map<string, (typeof anchored)[number]>();
  for (const v of anchored) if (!latestByList.has(v.listId)) latestByList.set(v.listId, v);

  return rows.map((r) => {
    const listId = statusListId(issuer.slug, "revocation", r.listSeries);
    const anchor = latestByList.get(listId);
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
        anchoredVersion: anchor?.version ?? null,
        anchorTx: anchor?.anchorTx ?? null,
      },
    };
  });
}
