import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEntries, signInThrottles, staffSessions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { DbHandle } from "@/lib/db/client";
import {
  startTestChain,
  startTestServices,
  TEST_PUBLIC_URL,
  TEST_SECRET,
  type TestChain,
} from "@/scripts/support/test-stack";
import { findIssuer, type Issuer } from "./authenticate-issuer";
import { hashSecret } from "./hash-secret";
import { changePasswordBodySchema } from "./schemas";
import { createServices, type IssuanceServices } from "./services";
import { ISSUER_MAX_FAILURES, recordSignInFailure } from "./sign-in-throttle";
import { changeOwnPassword, createStaff, resetStaffPassword } from "./staff-accounts";
import { findSession, signIn } from "./staff-sessions";

/**
 * Sign-in hardening on real PGlite: the lockout lives in the database (a second server on the
 * same database sees it), is audited, and ends; staff change their own password; admins reset
 * one with a temporary password shown once.
 */

let chain: TestChain;
let svc: IssuanceServices;
let db: DbHandle;
let eastland: Issuer;
let northbridge: Issuer;
const admin = { type: "staff" as const, id: "admin-test" };

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  db = started.db;
  eastland = await findIssuer(svc, "eastland-licensing");
  northbridge = await findIssuer(svc, "northbridge-medicine");
});

afterAll(async () => {
  await db?.close();
  await chain?.stop();
});

async function rejects(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

async function entries(action: string) {
  return svc.db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.issuerSlug, eastland.slug), eq(auditEntries.action, action)));
}

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

describe("sign-in lockout, kept in the database", () => {
  it("locks an account after five failures, across servers, audits it, and lets it in after", async () => {
    const { member, temporaryPassword } = await createStaff(svc, eastland, admin, {
      email: "lockout@eastland.example",
      name: "Lockout Test",
      role: "staff",
    });
    const body = { issuer: eastland.slug, email: "lockout@eastland.example" };
    const t0 = new Date();
    for (let i = 0; i < 4; i++) {
      await rejects(signIn(svc, { ...body, password: `wrong-${i}` }, t0), "UNAUTHORIZED");
    }
    // The fifth failure starts the lock and says so, with when to come back.
    const fifth = await rejects(
      signIn(svc, { ...body, password: "wrong-5" }, t0),
      "TOO_MANY_REQUESTS",
    );
    expect(fifth.message).toMatch(/Try again in 15 minutes \(after \d\d:\d\d UTC\)/);
    expect(fifth.message).toContain("ask an admin to reset your password");

    // Even the right password is refused, and by a second server on the same database too.
    await rejects(signIn(svc, { ...body, password: temporaryPassword }, t0), "TOO_MANY_REQUESTS");
    const other = createServices({
      db: db.db,
      secret: TEST_SECRET,
      publicUrl: TEST_PUBLIC_URL,
      ledgerConfig: chain.config,
      registryAddress: chain.registryAddress,
    });
    try {
      const later = await rejects(
        signIn(other, { ...body, password: temporaryPassword }, minutes(10, t0)),
        "TOO_MANY_REQUESTS",
      );
      expect(later.message).toMatch(/Try again in 5 minutes/);
    } finally {
      await other.bulk.stop();
      await other.anchoring.stop();
    }

    // One audit entry for the lock: the staff id and the time, not the e-mail typed.
    const locked = (await entries("staff.locked")).filter((e) => e.details.staffId === member.id);
    expect(locked).toHaveLength(1);
    expect(locked[0]!.details).toMatchObject({ scope: "account" });
    expect(JSON.stringify(locked[0])).not.toContain("lockout@");

    // After the lock the right password works, and clears the count.
    const session = await signIn(svc, { ...body, password: temporaryPassword }, minutes(16, t0));
    expect(session.staff.id).toBe(member.id);
    const rows = await svc.db
      .select()
      .from(signInThrottles)
      .where(eq(signInThrottles.key, "account:lockout@eastland.example"));
    expect(rows).toHaveLength(0);
  });

  it("locks an unknown e-mail the same way (nothing tells which accounts exist), without audit", async () => {
    const before = (await entries("staff.locked")).length;
    const body = { issuer: eastland.slug, email: "nobody@eastland.example" };
    const t0 = new Date();
    for (let i = 0; i < 4; i++) {
      await rejects(signIn(svc, { ...body, password: `x-${i}` }, t0), "UNAUTHORIZED");
    }
    await rejects(signIn(svc, { ...body, password: "x-5" }, t0), "TOO_MANY_REQUESTS");
    expect(await entries("staff.locked")).toHaveLength(before);
  });

  it("pauses an issuer's sign-in after many failures across e-mails (password spraying)", async () => {
    const t0 = minutes(60);
    for (let i = 0; i < ISSUER_MAX_FAILURES - 1; i++) {
      await recordSignInFailure(svc, northbridge, `spray${i}@northbridge.example`, null, t0);
    }
    const err = await rejects(
      signIn(
        svc,
        { issuer: northbridge.slug, email: "last@northbridge.example", password: "x" },
        t0,
      ),
      "TOO_MANY_REQUESTS",
    );
    expect(err.message).toContain("Sign-in is paused for everyone");
    const [entry] = await svc.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.issuerSlug, northbridge.slug), eq(auditEntries.action, "staff.locked")),
      );
    expect(entry?.details).toMatchObject({ scope: "issuer" });
    // Another issuer is not affected.
    await rejects(
      signIn(svc, { issuer: eastland.slug, email: "someone@eastland.example", password: "x" }, t0),
      "UNAUTHORIZED",
    );
  });
});

describe("changing and resetting passwords", () => {
  it("changes one's own password: current one required, strength rule, other sessions end", async () => {
    const { member, temporaryPassword } = await createStaff(svc, eastland, admin, {
      email: "changer@eastland.example",
      name: "Password Changer",
      role: "staff",
    });
    const body = { issuer: eastland.slug, email: "changer@eastland.example" };
    const here = await signIn(svc, { ...body, password: temporaryPassword });
    const elsewhere = await signIn(svc, { ...body, password: temporaryPassword });
    const session = { issuer: eastland, staffId: member.id, tokenHash: hashSecret(here.token) };

    // The strength rule, as the route applies it.
    const weak = changePasswordBodySchema.safeParse({ currentPassword: "x", newPassword: "short" });
    expect(weak.success).toBe(false);
    const repeated = changePasswordBodySchema.safeParse({
      currentPassword: "x",
      newPassword: "aaaaabbbbbaaaaa",
    });
    expect(repeated.error?.issues[0]?.message).toBe("use more different characters");

    const wrong = await rejects(
      changeOwnPassword(svc, session, {
        currentPassword: "not-it",
        newPassword: "correct horse battery",
      }),
      "VALIDATION_FAILED",
    );
    expect(wrong.fields).toEqual({ currentPassword: ["this is not your current password"] });
    const named = await rejects(
      changeOwnPassword(svc, session, {
        currentPassword: temporaryPassword,
        newPassword: "Changer-2026-spring",
      }),
      "VALIDATION_FAILED",
    );
    expect(named.fields?.newPassword).toEqual(["must not contain your e-mail name"]);

    const newPassword = "correct horse battery staple";
    expect(
      await changeOwnPassword(svc, session, { currentPassword: temporaryPassword, newPassword }),
    ).toEqual({ sessionsEnded: 1 });
    expect(await findSession(svc, here.token)).not.toBeNull();
    expect(await findSession(svc, elsewhere.token)).toBeNull();
    await rejects(signIn(svc, { ...body, password: temporaryPassword }), "UNAUTHORIZED");
    expect((await signIn(svc, { ...body, password: newPassword })).staff.id).toBe(member.id);

    const [entry] = (await entries("staff.password-changed")).filter(
      (e) => e.details.staffId === member.id,
    );
    expect(entry).toMatchObject({ actorId: member.id, details: { sessionsEnded: 1 } });
    expect(JSON.stringify(entry)).not.toContain(newPassword);
  });

  it("an admin resets a password: a one-time temporary one, sessions ended, lock lifted", async () => {
    const { member, temporaryPassword } = await createStaff(svc, eastland, admin, {
      email: "forgetful@eastland.example",
      name: "Forgetful",
      role: "staff",
    });
    const body = { issuer: eastland.slug, email: "forgetful@eastland.example" };
    const live = await signIn(svc, { ...body, password: temporaryPassword });
    for (let i = 0; i < 4; i++) {
      await rejects(signIn(svc, { ...body, password: `guess-${i}` }), "UNAUTHORIZED");
    }
    await rejects(signIn(svc, { ...body, password: "guess-5" }), "TOO_MANY_REQUESTS");

    const reset = await resetStaffPassword(svc, eastland, admin, member.id);
    expect(reset.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(reset.temporaryPassword).not.toBe(temporaryPassword);
    expect(await findSession(svc, live.token)).toBeNull();
    const revoked = await svc.db
      .select()
      .from(staffSessions)
      .where(eq(staffSessions.staffId, member.id));
    expect(revoked.every((s) => s.revokedAt !== null)).toBe(true);
    await rejects(signIn(svc, { ...body, password: temporaryPassword }), "UNAUTHORIZED");
    expect((await signIn(svc, { ...body, password: reset.temporaryPassword })).staff.id).toBe(
      member.id,
    );
    const [entry] = (await entries("staff.password-reset")).filter(
      (e) => e.details.staffId === member.id,
    );
    expect(entry).toMatchObject({ actorId: admin.id, details: { sessionsEnded: 1 } });
    expect(JSON.stringify(entry)).not.toContain(reset.temporaryPassword);

    // Not one's own (that is "change password"), and never another issuer's staff.
    await rejects(
      resetStaffPassword(svc, eastland, { type: "staff", id: member.id }, member.id),
      "CONFLICT",
    );
    await rejects(resetStaffPassword(svc, northbridge, admin, member.id), "NOT_FOUND");
  });
});
