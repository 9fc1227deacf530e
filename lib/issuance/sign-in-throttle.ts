import "server-only";
import { and, eq } from "drizzle-orm";
import { signInThrottles } from "@/lib/db/schema";
import { appendAudit, systemActor } from "./audit-log";
import type { Issuer } from "./authenticate-issuer";
import type { IssuanceServices } from "./services";

/**
 * Console sign-in lockout, kept in the database so it holds across server processes and
 * restarts. Two counters, each a row of `sign_in_throttles`:
 *
 * - **per account** (`account:<e-mail>`): ACCOUNT_MAX_FAILURES failures within the window lock that
 *   e-mail for ACCOUNT_LOCK_MS. Unknown e-mails are counted the same way, so a lockout tells an
 *   attacker nothing about which accounts exist.
 * - **per issuer** (`issuer`): ISSUER_MAX_FAILURES failures across all of the issuer's e-mails
 *   (password spraying) lock the issuer's sign-in for ISSUER_LOCK_MS, shorter, because it also
 *   keeps its honest staff out.
 *
 * Becoming locked is audited as `staff.locked` (with the staff id for a known account, never the
 * e-mail typed). A successful sign-in clears the account's counter.
 */

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
export const ISSUER_MAX_FAILURES = 50;
export const ISSUER_LOCK_MS = 5 * 60 * 1000;

type Tx = Parameters<Parameters<IssuanceServices["db"]["transaction"]>[0]>[0];

export type SignInLock = { scope: "account" | "issuer"; until: Date };

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const ISSUER_KEY = "issuer";

/** The lock in force for this e-mail at this issuer now, if any (the later one if both). */
export async function activeSignInLock(
  svc: IssuanceServices,
  issuerSlug: string,
  email: string,
  now: Date,
): Promise<SignInLock | null> {
  const rows = await svc.db
    .select()
    .from(signInThrottles)
    .where(eq(signInThrottles.issuerSlug, issuerSlug));
  let lock: SignInLock | null = null;
  for (const row of rows) {
    if (row.key !== ISSUER_KEY && row.key !== accountKey(email)) continue;
    if (!row.lockedUntil || row.lockedUntil <= now) continue;
    if (!lock || row.lockedUntil > lock.until) {
      lock = { scope: row.key === ISSUER_KEY ? "issuer" : "account", until: row.lockedUntil };
    }
  }
  return lock;
}

/** Counts one failure against one counter; returns the lock it started, if it started one. */
async function count(
  tx: Tx,
  issuerSlug: string,
  key: string,
  max: number,
  lockMs: number,
  now: Date,
): Promise<Date | null> {
  await tx
    .insert(signInThrottles)
    .values({ issuerSlug, key, failures: 0, windowStartedAt: now })
    .onConflictDoNothing();
  const where = and(eq(signInThrottles.issuerSlug, issuerSlug), eq(signInThrottles.key, key));
  const [row] = await tx.select().from(signInThrottles).where(where).for("update");
  if (!row) throw new Error("sign-in throttle row missing");
  // A lock that has run out, or a window that has passed, starts counting afresh.
  const fresh =
    (row.lockedUntil !== null && row.lockedUntil <= now) ||
    now.getTime() - row.windowStartedAt.getTime() > FAILURE_WINDOW_MS;
  const failures = fresh ? 1 : row.failures + 1;
  const alreadyLocked = !fresh && row.lockedUntil !== null;
  const startsLock = !alreadyLocked && failures >= max;
  const lockedUntil = startsLock
    ? new Date(now.getTime() + lockMs)
    : alreadyLocked
      ? row.lockedUntil
      : null;
  await tx
    .update(signInThrottles)
    .set({ failures, windowStartedAt: fresh ? now : row.windowStartedAt, lockedUntil })
    .where(where);
  return startsLock ? lockedUntil : null;
}

/**
 * Records a failed sign-in for `email` at `issuer` (staffId when the e-mail is an account there)
 * and audits any lock it starts. Returns the lock now in force, if any.
 */
export async function recordSignInFailure(
  svc: IssuanceServices,
  issuer: Pick<Issuer, "slug" | "did">,
  email: string,
  staffId: string | null,
  now: Date,
): Promise<SignInLock | null> {
  return svc.db.transaction(async (tx) => {
    const account = await count(
      tx,
      issuer.slug,
      accountKey(email),
      ACCOUNT_MAX_FAILURES,
      ACCOUNT_LOCK_MS,
      now,
    );
    const wide = await count(tx, issuer.slug, ISSUER_KEY, ISSUER_MAX_FAILURES, ISSUER_LOCK_MS, now);
    if (account && staffId) {
      await appendAudit(tx, {
        issuer,
        actor: systemActor,
        action: "staff.locked",
        details: { staffId, scope: "account", until: account.toISOString() },
        at: now,
      });
    }
    if (wide) {
      await appendAudit(tx, {
        issuer,
        actor: systemActor,
        action: "staff.locked",
        details: { scope: "issuer", until: wide.toISOString() },
        at: now,
      });
    }
    if (wide && (!account || wide > account)) return { scope: "issuer", until: wide };
    return account ? { scope: "account", until: account } : null;
  });
}

/** After a successful sign-in: the account starts with a clean slate (the issuer's count stays). */
export async function clearSignInFailures(
  svc: IssuanceServices,
  issuerSlug: string,
  email: string,
): Promise<void> {
  await svc.db
    .delete(signInThrottles)
    .where(
      and(eq(signInThrottles.issuerSlug, issuerSlug), eq(signInThrottles.key, accountKey(email))),
    );
}

/** "Try again in 15 minutes (after 14:05 UTC)": the words the console shows for a lock. */
export function lockMessage(lock: SignInLock, now: Date): string {
  const minutes = Math.max(1, Math.ceil((lock.until.getTime() - now.getTime()) / 60_000));
  const at = lock.until.toISOString().slice(11, 16);
  const wait = `Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (after ${at} UTC)`;
  return lock.scope === "account"
    ? `Too many failed sign-ins for this account. ${wait}, or ask an admin to reset your password.`
    : `Too many failed sign-ins at this issuer. Sign-in is paused for everyone. ${wait}.`;
}
