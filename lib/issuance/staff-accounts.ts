import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { signInThrottles, staff, staffSessions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { appendAudit, type Actor } from "./audit-log";
import type { Issuer } from "./authenticate-issuer";
import { hashPassword, temporaryPassword, verifyPassword } from "./password";
import type { ChangePasswordBody, CreateStaffBody, UpdateStaffBody } from "./schemas";
import type { IssuanceServices } from "./services";

/**
 * Staff accounts of an issuer, managed by its admins. A new account gets a temporary password,
 * shown once to the admin who created it, and must choose its own at first sign-in (like after a
 * reset), so no admin knows a colleague's working password. Disabling an account ends its sessions at once. An
 * issuer always keeps at least one active admin.
 */

export type StaffMember = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "staff";
  disabled: boolean;
  /** Still on a temporary password from an admin: must choose their own at next sign-in. */
  mustChangePassword: boolean;
  createdAt: string;
};

function toMember(row: typeof staff.$inferSelect): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
  };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function listStaff(svc: IssuanceServices, issuer: Issuer): Promise<StaffMember[]> {
  const rows = await svc.db
    .select()
    .from(staff)
    .where(eq(staff.issuerSlug, issuer.slug))
    .orderBy(asc(staff.name));
  return rows.map(toMember);
}

/**
 * Adds a staff member with a generated temporary password, which they must change at first
 * sign-in (`member.mustChangePassword`). Only the demo seed passes its own password and
 * `mustChangePassword: false`, for the seeded admin of `npm run dev` and the tests.
 */
export async function createStaff(
  svc: IssuanceServices,
  issuer: Issuer,
  actor: Actor,
  body: CreateStaffBody,
  opts: { password?: string; mustChangePassword?: boolean } = {},
): Promise<{ member: StaffMember; temporaryPassword: string }> {
  const password = opts.password ?? temporaryPassword();
  const mustChangePassword = opts.mustChangePassword ?? true;
  const passwordHash = await hashPassword(password);
  try {
    const row = await svc.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(staff)
        .values({
          id: randomUUID(),
          issuerSlug: issuer.slug,
          email: body.email,
          name: body.name,
          role: body.role,
          passwordHash,
          mustChangePassword,
        })
        .returning();
      if (!inserted) throw new Error("staff insert returned nothing");
      await appendAudit(tx, {
        issuer,
        actor,
        action: "staff.created",
        details: { staffId: inserted.id, role: inserted.role },
      });
      return inserted;
    });
    return { member: toMember(row), temporaryPassword: password };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("CONFLICT", "Someone at this issuer already signs in with that e-mail.", {
        email: ["already in use at this issuer"],
      });
    }
    throw err;
  }
}

export async function updateStaff(
  svc: IssuanceServices,
  issuer: Issuer,
  actor: Actor,
  staffId: string,
  body: UpdateStaffBody,
): Promise<StaffMember> {
  const row = await svc.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(staff)
      .where(and(eq(staff.id, staffId), eq(staff.issuerSlug, issuer.slug)))
      .for("update");
    // Another issuer's staff member is indistinguishable from a missing one.
    if (!current) throw new AppError("NOT_FOUND", "No such staff member at this issuer.");
    const disable = body.disabled === true && current.disabledAt === null;
    const enable = body.disabled === false && current.disabledAt !== null;
    const role = body.role !== undefined && body.role !== current.role ? body.role : undefined;
    if (actor.type === "staff" && actor.id === current.id && (disable || role === "staff")) {
      throw new AppError("CONFLICT", "You cannot disable yourself or give up your own admin role.");
    }
    if ((disable || role === "staff") && current.role === "admin" && !current.disabledAt) {
      const others = await tx
        .select({ id: staff.id })
        .from(staff)
        .where(
          and(
            eq(staff.issuerSlug, issuer.slug),
            eq(staff.role, "admin"),
            isNull(staff.disabledAt),
            ne(staff.id, current.id),
          ),
        )
        .for("update");
      if (others.length === 0) {
        throw new AppError("CONFLICT", "An issuer needs at least one active admin.");
      }
    }
    const [updated] = await tx
      .update(staff)
      .set({
        ...(role ? { role } : {}),
        ...(disable ? { disabledAt: new Date() } : enable ? { disabledAt: null } : {}),
      })
      .where(eq(staff.id, current.id))
      .returning();
    if (disable) {
      await tx
        .update(staffSessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(staffSessions.staffId, current.id), isNull(staffSessions.revokedAt)));
    }
    if (role) {
      await appendAudit(tx, {
        issuer,
        actor,
        action: "staff.role-changed",
        details: { staffId: current.id, from: current.role, to: role },
      });
    }
    if (disable || enable) {
      await appendAudit(tx, {
        issuer,
        actor,
        action: disable ? "staff.disabled" : "staff.enabled",
        details: { staffId: current.id },
      });
    }
    return updated ?? current;
  });
  return toMember(row);
}

/**
 * The signed-in staff member changes their own password: the current one is required, the new
 * one must pass the strength rule and differ from it, and every other session of theirs ends
 * (the one making the change stays signed in). Audited without either password.
 */
export async function changeOwnPassword(
  svc: IssuanceServices,
  session: { issuer: Pick<Issuer, "slug" | "did">; staffId: string; tokenHash: string },
  body: ChangePasswordBody,
): Promise<{ sessionsEnded: number }> {
  const [current] = await svc.db
    .select()
    .from(staff)
    .where(and(eq(staff.id, session.staffId), eq(staff.issuerSlug, session.issuer.slug)));
  if (!current) throw new AppError("NOT_FOUND", "No such staff member at this issuer.");
  if (!(await verifyPassword(body.currentPassword, current.passwordHash))) {
    throw new AppError("VALIDATION_FAILED", "Your current password is not right.", {
      currentPassword: ["this is not your current password"],
    });
  }
  if (body.newPassword === body.currentPassword) {
    throw new AppError("VALIDATION_FAILED", "Choose a password you have not used here.", {
      newPassword: ["must differ from the current password"],
    });
  }
  const localPart = current.email.split("@")[0] ?? "";
  if (localPart.length >= 4 && body.newPassword.toLowerCase().includes(localPart)) {
    throw new AppError("VALIDATION_FAILED", "The new password is too easy to guess.", {
      newPassword: ["must not contain your e-mail name"],
    });
  }
  const passwordHash = await hashPassword(body.newPassword);
  return svc.db.transaction(async (tx) => {
    await tx
      .update(staff)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(staff.id, current.id));
    const ended = await tx
      .update(staffSessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(staffSessions.staffId, current.id),
          isNull(staffSessions.revokedAt),
          ne(staffSessions.tokenHash, session.tokenHash),
        ),
      )
      .returning({ staffId: staffSessions.staffId });
    await appendAudit(tx, {
      issuer: session.issuer,
      actor: { type: "staff", id: current.id },
      action: "staff.password-changed",
      details: { staffId: current.id, sessionsEnded: ended.length },
    });
    return { sessionsEnded: ended.length };
  });
}

/**
 * An admin resets a staff member's password: a new temporary password (shown once to the admin,
 * never stored in clear or logged), every session of theirs ends and any sign-in lock on their
 * account is lifted. It is temporary: signed in with it, they must change it before anything else. Admins change their own password with changeOwnPassword instead.
 */
export async function resetStaffPassword(
  svc: IssuanceServices,
  issuer: Issuer,
  actor: Actor,
  staffId: string,
): Promise<{ member: StaffMember; temporaryPassword: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const row = await svc.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(staff)
      .where(and(eq(staff.id, staffId), eq(staff.issuerSlug, issuer.slug)))
      .for("update");
    if (!current) throw new AppError("NOT_FOUND", "No such staff member at this issuer.");
    if (actor.type === "staff" && actor.id === current.id) {
      throw new AppError("CONFLICT", "Change your own password under “Your password” instead.");
    }
    const [updated] = await tx
      .update(staff)
      .set({ passwordHash, mustChangePassword: true })
      .where(eq(staff.id, current.id))
      .returning();
    const ended = await tx
      .update(staffSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(staffSessions.staffId, current.id), isNull(staffSessions.revokedAt)))
      .returning({ staffId: staffSessions.staffId });
    await tx
      .delete(signInThrottles)
      .where(
        and(
          eq(signInThrottles.issuerSlug, issuer.slug),
          eq(signInThrottles.key, `account:${current.email}`),
        ),
      );
    await appendAudit(tx, {
      issuer,
      actor,
      action: "staff.password-reset",
      details: { staffId: current.id, sessionsEnded: ended.length },
    });
    return updated ?? current;
  });
  return { member: toMember(row), temporaryPassword: password };
}
