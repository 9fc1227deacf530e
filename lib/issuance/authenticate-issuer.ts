import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { hashSecret } from "./hash-secret";
import { apiKeys, issuers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "./audit-log";
import type { IssuanceServices } from "./services";
import { findSession, sessionTokenFrom } from "./staff-sessions";

export type Issuer = typeof issuers.$inferSelect;

/** Who is acting: an API key (the issuer's systems) or a signed-in staff member. */
export type Principal = {
  issuer: Issuer;
  actor: Actor;
  /** API keys issue and change status like staff, but never manage staff or keys. */
  role: "admin" | "staff" | "api-key";
};

/**
 * Resolves a request to the issuer it acts for, from `Authorization: Bearer <api key>` (API
 * clients) or else the console's session cookie, and insists that this is the issuer named in
 * the route: one issuer's key or session never acts for another. `require: "admin"` admits only
 * an admin's session (staff and key management). A session signed in with an admin's temporary
 * password does nothing here until the password is changed (POST /api/v1/session/password).
 */
export async function authenticateRequest(
  svc: IssuanceServices,
  headers: Pick<Headers, "get">,
  slug: string,
  opts: { require?: "admin" } = {},
): Promise<Principal> {
  const authorization = headers.get("authorization");
  let principal: Principal;
  if (authorization) {
    principal = await byApiKey(svc, authorization);
  } else {
    const token = sessionTokenFrom(headers.get("cookie"));
    if (!token) {
      throw new AppError(
        "UNAUTHORIZED",
        "Sign in to the issuer console, or send the issuer API key as `Authorization: Bearer <key>`.",
      );
    }
    const session = await findSession(svc, token);
    if (!session) throw new AppError("UNAUTHORIZED", "Your session has ended; sign in again.");
    if (session.mustChangePassword) {
      throw new AppError(
        "PASSWORD_CHANGE_REQUIRED",
        "You signed in with a temporary password. Choose your own password before you do anything else.",
      );
    }
    principal = {
      issuer: session.issuer,
      actor: { type: "staff", id: session.staff.id },
      role: session.staff.role,
    };
  }
  if (principal.issuer.slug !== slug) {
    throw new AppError(
      "FORBIDDEN",
      principal.role === "api-key"
        ? "This API key belongs to another issuer."
        : "You are signed in for another issuer.",
    );
  }
  if (opts.require === "admin" && principal.role !== "admin") {
    throw new AppError(
      "FORBIDDEN",
      principal.role === "api-key"
        ? "API keys cannot manage staff or keys; an admin does this in the console."
        : "Only an admin of this issuer can do this.",
    );
  }
  return principal;
}

async function byApiKey(svc: IssuanceServices, authorization: string): Promise<Principal> {
  const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!key)
    throw new AppError("UNAUTHORIZED", "Send the issuer API key as `Authorization: Bearer <key>`.");
  const [row] = await svc.db
    .select({ issuer: issuers, keyId: apiKeys.id })
    .from(apiKeys)
    .innerJoin(issuers, eq(apiKeys.issuerSlug, issuers.slug))
    .where(and(eq(apiKeys.keyHash, hashSecret(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw new AppError("UNAUTHORIZED", "The API key is not valid.");
  return { issuer: row.issuer, actor: { type: "api-key", id: row.keyId }, role: "api-key" };
}

/**
 * The issuer a request acts for. Takes the request's headers (API key or session cookie), or just
 * the Authorization header value (API key only), as callers did before sessions existed.
 */
export async function authenticateIssuer(
  svc: IssuanceServices,
  auth: string | null | Pick<Headers, "get">,
  slug: string,
): Promise<Issuer> {
  const headers =
    auth === null || typeof auth === "string"
      ? { get: (name: string) => (name.toLowerCase() === "authorization" ? (auth ?? "") : null) }
      : auth;
  return (await authenticateRequest(svc, headers, slug)).issuer;
}

export async function findIssuer(svc: IssuanceServices, slug: string): Promise<Issuer> {
  const [row] = await svc.db.select().from(issuers).where(eq(issuers.slug, slug));
  if (!row) throw new AppError("NOT_FOUND", `No issuer "${slug}".`);
  return row;
}
