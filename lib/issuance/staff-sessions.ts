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
import type { IssuanceServices } from "./services";

/**
 * Console sessions. Signing in checks the password (scrypt) and hands out a random 256-bit token
 * for an httpOnly cookie; only its SHA-256 is stored, with an expiry, and signing out revokes it.
 *
 * Every failure answers the same words after at least FAILURE_DELAY_MS, whether the e-mail exists
 * or not (an unknown e-mail is checked against a dummy hash, so timing tells nothing either).
 * After MAX_FAILURES failures for one account within the window, further attempts are refused
 * until the window passes (per server process).
 */

export const SESSION_COOKIE = "vitae_session";
export const SESSION_TTL_MS = 12 * 3600 * 1000;
const FAILURE_DELAY_MS = 400;
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const MAX_TRACKED = 10_000;

export type StaffSession = {
  issuer: Issuer;
  staff: { id: string; name: string; email: string; role: "admin" | "staff" };
  expiresAt: Date;
};

const failures = new Map<string, { count: number; first: number }>();

function limiterKey(body: Pick<SignInBody, "issuer" | "email">) {
  return `${body.issuer}\u0000${body.email}`;
}

function isLocked(key: string, now: number): boolean {
  const entry = failures.get(key);
  if (!entry) return false;
  if (now - entry.first > FAILURE_WINDOW_MS) {
    failures.delete(key);
    return false;
  }
  return entry.count >= MAX_FAILURES;
}

function noteFailure(key: string, now: number) {
  const entry = failures.get(key);
  if (entry && now - entry.first <= FAILURE_WINDOW_MS) entry.count++;
  else {
    if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
    failures.set(key, { count: 1, first: now });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function signIn(
  svc: IssuanceServices,
  body: SignInBody,
  now: Date = new Date(),
): Promise<StaffSession & { token: string }> {
  const started = Date.now();
  const key = limiterKey(body);
  const fail = async (): Promise<never> => {
    noteFailure(key, now.getTime());
    await sleep(Math.max(0, FAILURE_DELAY_MS - (Date.now() - started)) + Math.random() * 100);
    throw new AppError("UNAUTHORIZED", "The e-mail address or password is not right.");
  };
  if (isLocked(key, now.getTime())) {
    await sleep(FAILURE_DELAY_MS);
    throw new AppError(
      "TOO_MANY_REQUESTS",
      "Too many failed sign-ins for this account. Wait 15 minutes, or ask an admin to help.",
    );
  }
  const [row] = await svc.db
    .select({ staff, issuer: issuers })
    .from(staff)
    .innerJoin(issuers, eq(issuers.slug, staff.issuerSlug))
    .where(and(eq(staff.issuerSlug, body.issuer), eq(staff.email, body.email)));
  const ok = await verifyPassword(
    body.password,
    row?.staff.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!row || !ok || row.staff.disabledAt) return fail();
  failures.delete(key);

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await svc.db.transaction(async (tx) => {
    await tx.insert(staffSessions).values({
      tokenHash: hashSecret(token),
      staffId: row.staff.id,
      issuerSlug: row.issuer.slug,
      expiresAt,
    });
    // Not the token, nor its hash: the entry only says who signed in.
    await appendAudit(tx, {
      issuer: row.issuer,
      actor: { type: "staff", id: row.staff.id },
      action: "session.signed-in",
    });
  });
  return { token, expiresAt, issuer: row.issuer, staff: staffView(row.staff) };
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
  return { issuer: row.issuer, staff: staffView(row.staff), expiresAt: row.session.expiresAt };
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
