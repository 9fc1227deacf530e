import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { hashSecret } from "./hash-secret";
import { apiKeys, issuers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { IssuanceServices } from "./services";

export type Issuer = typeof issuers.$inferSelect;

/**
 * Resolves `Authorization: Bearer <key>` to the issuer it belongs to, and insists that this is
 * the issuer named in the route: one issuer's key never acts for another.
 */
export async function authenticateIssuer(
  svc: IssuanceServices,
  authorization: string | null,
  slug: string,
): Promise<Issuer> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!key)
    throw new AppError("UNAUTHORIZED", "Send the issuer API key as `Authorization: Bearer <key>`.");
  const [row] = await svc.db
    .select({ issuer: issuers })
    .from(apiKeys)
    .innerJoin(issuers, eq(apiKeys.issuerSlug, issuers.slug))
    .where(and(eq(apiKeys.keyHash, hashSecret(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw new AppError("UNAUTHORIZED", "The API key is not valid.");
  if (row.issuer.slug !== slug) {
    throw new AppError("FORBIDDEN", "This API key belongs to another issuer.");
  }
  return row.issuer;
}

export async function findIssuer(svc: IssuanceServices, slug: string): Promise<Issuer> {
  const [row] = await svc.db.select().from(issuers).where(eq(issuers.slug, slug));
  if (!row) throw new AppError("NOT_FOUND", `No issuer "${slug}".`);
  return row;
}
