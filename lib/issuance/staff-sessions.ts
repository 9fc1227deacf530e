import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { issuers, staff, staffSessions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { appendAudit, type Actor } from "./audit-log";
import type { Issuer } from "./authenticate-issuer";
import { hashSecret } from "./hash-secret";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { SignInBody } from "./schemas";
import {
  activeSignInLock,
  clearSignInFailures,
  lockMessage,
  recordSignInFailure,
  type SignInLock,
} from "./sign-in-throttle";
import type { IssuanceServices } from "./services";

/**
 * Console sessions. Signing in checks the password (scrypt) and hands out a random 256-bit token
 * for an httpOnly cookie; only its SHA-256 is stored, with an expiry, and signing out revokes it.
 *
 * Every failure answers the same words after at least FAILURE_DELAY_MS, whether the e-mail exists
 * or not (an unknown e-mail is checked against a dummy hash, so timing tells nothing either).
 * Repeated failures lock the account (and, for password spraying, the issuer's sign-in) for a
 * while; the counters live in the database (sign-in-throttle.ts), so every server process and a
 * restart see the same lock.
 */

export const SESSION_COOKIE = "vitae_session";
export const SESSION_TTL_MS = 12 * 3600 * 1000;
const FAILURE_DELAY_MS = 400;

export type StaffSession = {
  issuer: Issuer;
  staff: { id: string; name: string; email: string; role: "admin" | "staff" };
  expiresAt: Date;
  /**
   * Signed in with a temporary password an admin set: until it is changed, the console's APIs
   * refuse everything but the change and signing out (see authenticate-issuer.ts).
   */
  mustChangePassword: boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function signIn(
  svc: IssuanceServices,
  body: SignInBody,
  now: Date = new Date(),
): Promise<StaffSession & { token: string }> {
  const started = Date.now();
  const email = body.email.toLowerCase();
  const lockedOut = async (lock: SignInLock): Promise<never> => {
    await sleep(Math.max(0, FAILURE_DELAY_MS - (Date.now() - started)));
    throw new AppError("TOO_MANY_REQUESTS", lockMessage(lock, now));
  };
  const lock = await activeSignInLock(svc, body.issuer, email, now);
  if (lock) return lockedOut(lock);

  const [issuer] = await svc.db.select().from(issuers).where(eq(issuers.slug, body.issuer));
  const [row] = issuer
    ? await svc.db
        .select()
        .from(staff)
        .where(and(eq(staff.issuerSlug, issuer.slug), eq(staff.email, email)))
    : [];
  const ok = await verifyPassword(body.password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (!issuer || !row || !ok || row.disabledAt) {
    // An unknown issuer has nothing to count against; it answers like any other failure.
    const locked = issuer
      ? await recordSignInFailure(svc, issuer, email, row?.id ?? null, now)
      : null;
    if (locked) return lockedOut(locked);
    await sleep(Math.max(0, FAILURE_DELAY_MS - (Date.now() - started)) + Math.random() * 100);
    throw new AppError("UNAUTHORIZED", "The e-mail address or password is not right.");
  }
  await clearSignInFailures(svc, issuer.slug, email);

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await svc.db.transaction(async (tx) => {
    await tx.insert(staffSessions).values({
      tokenHash: hashSecret(token),
      staffId: row.id,
      issuerSlug: issuer.slug,
      expiresAt,
    });
    // Not the token, nor its hash: the entry only says who signed in.
    await appendAudit(tx, {
      issuer,
      actor: { type: "staff", id: row.id },
      action: "session.signed-in",
    });
  });
  return {
    token,
    expiresAt,
    issuer,
    staff: staffView(row),
    mustChangePassword: row.mustChangePassword,
  };
}

function staffView(row: typeof staff.$inferSelect): StaffSession["staff"] {
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/** The live session for a cookie token, or null (unknown, expired, revoked, or staff disabled). */
export async function findSession(
  svc: IssuanceServices,
  token: string,
  now: Date = new Date(),
): Promise<StaffSession | null> {
  const [row] = await svc.db
    .select({ session: staffSessions, staff, issuer: issuers })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .innerJoin(issuers, eq(issuers.slug, staffSessions.issuerSlug))
    .where(
      and(
        eq(staffSessions.tokenHash, hashSecret(token)),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.expiresAt, now),
        isNull(staff.disabledAt),
      ),
    );
  if (!row) return null;
  return {
    issuer: row.issuer,
    staff: staffView(row.staff),
    expiresAt: row.session.expiresAt,
    mustChangePassword: row.staff.mustChangePassword,
  };
}

export async function signOut(svc: IssuanceServices, token: string): Promise<void> {
  const session = await findSession(svc, token);
  await svc.db.transaction(async (tx) => {
    const revoked = await tx
      .update(staffSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(staffSessions.tokenHash, hashSecret(token)), isNull(staffSessions.revokedAt)))
      .returning({ staffId: staffSessions.staffId });
    if (session && revoked.length > 0) {
      const actor: Actor = { type: "staff", id: session.staff.id };
      await appendAudit(tx, { issuer: session.issuer, actor, action: "session.signed-out" });
    }
  });
}

/** The session token from a Cookie header, if any. */
export function sessionTokenFrom(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const token = value.join("=");
      return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
    }
  }
  return null;
}
