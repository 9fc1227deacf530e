import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { appendAudit, type Actor } from "./audit-log";
import type { Issuer } from "./authenticate-issuer";
import { hashSecret } from "./hash-secret";
import type { IssuanceServices } from "./services";

/**
 * An issuer's API keys, for its own systems. A new key is shown once; only its SHA-256 is kept
 * (a key is 256 random bits, so a fast hash is enough: there is nothing to guess). Revoking is
 * immediate and final.
 */

export type ApiKeySummary = {
  id: string;
  label: string;
  /** The key's first characters, to tell keys apart; the rest is never stored. */
  prefix: string | null;
  createdAt: string;
  revokedAt: string | null;
};

const KEY_PREFIX = "vk_";

function toSummary(row: typeof apiKeys.$inferSelect): ApiKeySummary {
  const prefix = /^key_([A-Za-z0-9_]{8})_/.exec(row.id)?.[1];
  return {
    id: row.id,
    label: row.label,
    prefix: prefix ? `${KEY_PREFIX}${prefix}…` : null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(svc: IssuanceServices, issuer: Issuer): Promise<ApiKeySummary[]> {
  const rows = await svc.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.issuerSlug, issuer.slug))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toSummary);
}

export async function createApiKey(
  svc: IssuanceServices,
  issuer: Issuer,
  actor: Actor,
  label: string,
): Promise<{ key: string; summary: ApiKeySummary }> {
  const secret = randomBytes(32).toString("base64url");
  const key = `${KEY_PREFIX}${secret}`;
  // The id carries the first 8 characters so the list can show which key is which.
  const id = `key_${secret.slice(0, 8).replace(/-/g, "_")}_${randomUUID().slice(0, 8)}`;
  const row = await svc.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(apiKeys)
      .values({ id, issuerSlug: issuer.slug, keyHash: hashSecret(key), label })
      .returning();
    if (!inserted) throw new Error("api key insert returned nothing");
    await appendAudit(tx, {
      issuer,
      actor,
      action: "api-key.created",
      details: { apiKeyId: id, label },
    });
    return inserted;
  });
  return { key, summary: toSummary(row) };
}

export async function revokeApiKey(
  svc: IssuanceServices,
  issuer: Issuer,
  actor: Actor,
  keyId: string,
): Promise<ApiKeySummary> {
  return svc.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.issuerSlug, issuer.slug)));
    if (!row) throw new AppError("NOT_FOUND", "No such API key at this issuer.");
    if (row.revokedAt) return toSummary(row);
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning();
    await appendAudit(tx, {
      issuer,
      actor,
      action: "api-key.revoked",
      details: { apiKeyId: keyId },
    });
    return toSummary(revoked ?? row);
  });
}
