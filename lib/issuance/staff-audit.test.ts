import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditAnchors, auditEntries, staffSessions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createLedgerReader } from "@/lib/ledger/reader";
import { auditLogListKey, verifyAuditLog } from "@/lib/trust/verify-audit-log";
import type { AuditLogExport } from "@/lib/trust/schemas";
import {
  startTestChain,
  startTestServices,
  TEST_ADMIN_PASSWORDS,
  TEST_API_KEYS,
  type TestChain,
} from "@/scripts/support/test-stack";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import {
  anchorAuditHead,
  anchorDueAuditHeads,
  exportAuditLog,
  listAuditLog,
  recordAudit,
} from "./audit-log";
import { authenticateRequest, findIssuer, type Issuer } from "./authenticate-issuer";
import { changeCredentialStatus } from "./change-status";
import { hashSecret } from "./hash-secret";
import { issueCredential } from "./issue-credential";
import { hashPassword, verifyPassword } from "./password";
import { demoAdminEmail, type IssuanceServices } from "./services";
import { changeOwnPassword, createStaff, listStaff, updateStaff } from "./staff-accounts";
import { findSession, signIn, signOut } from "./staff-sessions";

/**
 * Staff accounts, sessions, roles, API keys and the audit log, on a fresh anvil and PGlite.
 */

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
let eastland: Issuer;
let northbridge: Issuer;

const licence = {
  type: "MedicalLicenseCredential" as const,
  subject: { name: "Dr Amira Haddad", licenseNumber: "EL-7", jurisdiction: "Eastland" },
};

function headers(init: Record<string, string>) {
  return new Headers(init);
}

async function rejects(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  close = started.db.close;
  eastland = await findIssuer(svc, "eastland-licensing");
  northbridge = await findIssuer(svc, "northbridge-medicine");
});

afterAll(async () => {
  await close?.();
  await chain?.stop();
});

describe("password hashing", () => {
  it("stores scrypt with its parameters and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    // The same password hashes differently each time (random salt).
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "scrypt$99999999999$8$1$c2FsdA$aGFzaA")).toBe(false);
  });
});

describe("sign-in and sessions", () => {
  it("signs the seeded admin in, resolves the session, and signing out revokes it", async () => {
    const session = await signIn(svc, {
      issuer: eastland.slug,
      email: demoAdminEmail(eastland.slug),
      password: TEST_ADMIN_PASSWORDS["eastland-licensing"],
    });
    expect(session.staff.role).toBe("admin");
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const rows = await svc.db.select().from(staffSessions);
    expect(rows.some((r) => r.tokenHash === session.token)).toBe(false);
    expect(rows.some((r) => r.tokenHash === hashSecret(session.token))).toBe(true);

    const found = await findSession(svc, session.token);
    expect(found?.issuer.slug).toBe(eastland.slug);
    const principal = await authenticateRequest(
      svc,
      headers({ cookie: `other=1; vitae_session=${session.token}` }),
      eastland.slug,
    );
    expect(principal).toMatchObject({ role: "admin", actor: { type: "staff" } });

    await signOut(svc, session.token);
    expect(await findSession(svc, session.token)).toBeNull();
    await rejects(
      authenticateRequest(
        svc,
        headers({ cookie: `vitae_session=${session.token}` }),
        eastland.slug,
      ),
      "UNAUTHORIZED",
    );
  });

  it("expires sessions", async () => {
    const session = await signIn(svc, {
      issuer: eastland.slug,
      email: demoAdminEmail(eastland.slug),
      password: TEST_ADMIN_PASSWORDS["eastland-licensing"],
    });
    expect(await findSession(svc, session.token, new Date(Date.now() + 13 * 3600_000))).toBeNull();
  });

  it("answers a wrong password and an unknown e-mail with the same words, after a delay", async () => {
    const started = Date.now();
    const wrong = await rejects(
      signIn(svc, {
        issuer: eastland.slug,
        email: demoAdminEmail(eastland.slug),
        password: "nope",
      }),
      "UNAUTHORIZED",
    );
    const unknown = await rejects(
      signIn(svc, { issuer: eastland.slug, email: "nobody@x.example", password: "nope" }),
      "UNAUTHORIZED",
    );
    expect(wrong.message).toBe(unknown.message);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    // The right password for another issuer's admin does not open this issuer.
    await rejects(
      signIn(svc, {
        issuer: eastland.slug,
        email: demoAdminEmail(northbridge.slug),
        password: TEST_ADMIN_PASSWORDS["northbridge-medicine"],
      }),
      "UNAUTHORIZED",
    );
  });

  it("locks an account after five failures, even for the right password", async () => {
    const { member, temporaryPassword } = await createStaff(
      svc,
      eastland,
      { type: "system", id: "test" },
      { email: "locked@eastland.example", name: "Lock Test", role: "staff" },
    );
    expect(member.role).toBe("staff");
    const body = { issuer: eastland.slug, email: "locked@eastland.example" };
    for (let i = 0; i < 4; i++) {
      await rejects(signIn(svc, { ...body, password: `wrong-${i}` }), "UNAUTHORIZED");
    }
    // The fifth failure starts the lock and says so at once (sign-in-hardening.test.ts has more).
    await rejects(signIn(svc, { ...body, password: "wrong-4" }), "TOO_MANY_REQUESTS");
    await rejects(signIn(svc, { ...body, password: temporaryPassword }), "TOO_MANY_REQUESTS");
  }, 20_000);
});

describe("roles", () => {
  it("lets an admin add staff; staff can issue but not manage staff or keys", async () => {
    const admin = await signIn(svc, {
      issuer: eastland.slug,
      email: demoAdminEmail(eastland.slug),
      password: TEST_ADMIN_PASSWORDS["eastland-licensing"],
    });
    const adminPrincipal = await authenticateRequest(
      svc,
      headers({ cookie: `vitae_session=${admin.token}` }),
      eastland.slug,
      { require: "admin" },
    );
    const created = await createStaff(svc, eastland, adminPrincipal.actor, {
      email: "registrar@eastland.example",
      name: "Rita Registrar",
      role: "staff",
    });
    await rejects(
      createStaff(svc, eastland, adminPrincipal.actor, {
        email: "registrar@eastland.example",
        name: "Twin",
        role: "staff",
      }),
      "CONFLICT",
    );

    const staffSession = await signIn(svc, {
      issuer: eastland.slug,
      email: "registrar@eastland.example",
      password: created.temporaryPassword,
    });
    const cookie = headers({ cookie: `vitae_session=${staffSession.token}` });
    // Created by an admin: nothing works until they choose their own password.
    expect(created.member.mustChangePassword).toBe(true);
    await rejects(authenticateRequest(svc, cookie, eastland.slug), "PASSWORD_CHANGE_REQUIRED");
    const ownPassword = "rita's own long phrase";
    await changeOwnPassword(
      svc,
      { issuer: eastland, staffId: created.member.id, tokenHash: hashSecret(staffSession.token) },
      { currentPassword: created.temporaryPassword, newPassword: ownPassword },
    );
    const staffPrincipal = await authenticateRequest(svc, cookie, eastland.slug);
    expect(staffPrincipal.role).toBe("staff");
    await rejects(
      authenticateRequest(svc, cookie, eastland.slug, { require: "admin" }),
      "FORBIDDEN",
    );
    // API keys act like staff: they issue, but never manage staff or keys.
    await rejects(
      authenticateRequest(
        svc,
        headers({ authorization: `Bearer ${TEST_API_KEYS["eastland-licensing"]}` }),
        eastland.slug,
        { require: "admin" },
      ),
      "FORBIDDEN",
    );

    // Promote, then disable: disabling ends the session at once.
    const promoted = await updateStaff(svc, eastland, adminPrincipal.actor, created.member.id, {
      role: "admin",
    });
    expect(promoted.role).toBe("admin");
    await updateStaff(svc, eastland, adminPrincipal.actor, created.member.id, { disabled: true });
    expect(await findSession(svc, staffSession.token)).toBeNull();
    await rejects(
      signIn(svc, {
        issuer: eastland.slug,
        email: "registrar@eastland.example",
        password: ownPassword,
      }),
      "UNAUTHORIZED",
    );
    // An admin cannot lock themselves out, nor leave the issuer without an admin.
    await rejects(
      updateStaff(svc, eastland, adminPrincipal.actor, adminPrincipal.actor.id, { disabled: true }),
      "CONFLICT",
    );
    // Another issuer's staff member is not found from here.
    await rejects(
      updateStaff(svc, northbridge, adminPrincipal.actor, created.member.id, { disabled: false }),
      "NOT_FOUND",
    );
    const members = await listStaff(svc, eastland);
    expect(members.find((m) => m.id === created.member.id)).toMatchObject({ disabled: true });
    expect(members.every((m) => !("passwordHash" in m))).toBe(true);
  }, 20_000);

  it("creates an API key shown once, stores only its hash, and revokes it", async () => {
    const actor = { type: "system" as const, id: "test" };
    const { key, summary } = await createApiKey(svc, northbridge, actor, "Registrar system");
    expect(key).toMatch(/^vk_[A-Za-z0-9_-]{43}$/);
    const listed = await listApiKeys(svc, northbridge);
    expect(listed.find((k) => k.id === summary.id)).toMatchObject({ label: "Registrar system" });
    expect(JSON.stringify(listed)).not.toContain(key);

    const bearer = headers({ authorization: `Bearer ${key}` });
    expect((await authenticateRequest(svc, bearer, northbridge.slug)).actor).toEqual({
      type: "api-key",
      id: summary.id,
    });
    // The key never acts for another issuer.
    await rejects(authenticateRequest(svc, bearer, eastland.slug), "FORBIDDEN");
    await rejects(revokeApiKey(svc, eastland, actor, summary.id), "NOT_FOUND");

    const revoked = await revokeApiKey(svc, northbridge, actor, summary.id);
    expect(revoked.revokedAt).not.toBeNull();
    await rejects(authenticateRequest(svc, bearer, northbridge.slug), "UNAUTHORIZED");
  });
});

describe("the audit log", () => {
  let hospital: Issuer;
  beforeAll(async () => {
    hospital = await findIssuer(svc, "st-aurelia-hospital");
  });

  it("records issue and status changes with the actor, in one chain", async () => {
    const actor = { type: "api-key" as const, id: "key-x" };
    const issued = await issueCredential(svc, eastland, licence, new Date(), actor);
    await changeCredentialStatus(svc, eastland, issued.id, "suspend", "Under review", { actor });
    await changeCredentialStatus(svc, eastland, issued.id, "revoke", "Licence withdrawn", {
      actor,
    });
    const page = await listAuditLog(svc, eastland, { limit: 3 });
    expect(page.entries.map((e) => [e.action, e.credentialId, e.details])).toEqual([
      ["credential.revoked", issued.id, { reason: "Licence withdrawn" }],
      ["credential.suspended", issued.id, { reason: "Under review" }],
      ["credential.issued", issued.id, { type: "MedicalLicenseCredential" }],
    ]);
    expect(page.entries[0]?.actor).toEqual(actor);
    expect(page.entries[0]?.prevHash).toBe(page.entries[1]?.hash);
    expect(page.nextBefore).toBe(page.entries[2]?.seq);
    const older = await listAuditLog(svc, eastland, { before: page.nextBefore!, limit: 200 });
    expect(older.entries[0]?.seq).toBe(page.entries[2]!.seq - 1);
    expect(older.nextBefore).toBeNull();
    // Nothing secret in any entry.
    const all = JSON.stringify(await exportAuditLog(svc, eastland));
    expect(all).not.toContain(TEST_ADMIN_PASSWORDS["eastland-licensing"]);
    expect(all).not.toContain("scrypt$");
  });

  it("never forks under concurrent appends", async () => {
    const before = (await listAuditLog(svc, hospital, { limit: 1 })).head.seq;
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordAudit(svc.db, {
          issuer: hospital,
          actor: { type: "system", id: "test" },
          action: "staff.enabled",
          details: { i },
        }),
      ),
    );
    const log = await exportAuditLog(svc, hospital);
    expect(log.entries.map((e) => e.seq)).toEqual(
      Array.from({ length: before + 25 }, (_, i) => i + 1),
    );
    const result = await verifyAuditLog(log, { ledger: svc.ledger.reader });
    expect(result.checks[0]).toMatchObject({ id: "chain", ok: true, code: "AUDIT_CHAIN_OK" });
  });

  it("anchors the head on the ledger and an outsider's check finds it in the log", async () => {
    const log0 = await exportAuditLog(svc, hospital);
    // Not anchored yet: the chain check passes, the anchor is unknown, not valid.
    const unanchored = await verifyAuditLog(log0, { ledger: svc.ledger.reader });
    expect(unanchored.verified).toBe(false);
    expect(unanchored.checks[1]).toMatchObject({ ok: null, code: "AUDIT_NOT_ANCHORED" });

    const anchor = await anchorAuditHead(svc, hospital);
    expect(anchor).toMatchObject({ version: 1, seq: log0.entries.length });
    expect(anchor?.anchorTx).toMatch(/^0x[0-9a-f]{64}$/);
    // Read back from the chain itself, with a reader of our own.
    const reader = createLedgerReader(chain.config);
    const onChain = await reader.latest(auditLogListKey(hospital.did));
    expect(onChain).toMatchObject({ version: 1, hash: log0.entries.at(-1)?.hash });
    expect(onChain?.owner.toLowerCase()).toBe(hospital.ledgerAddress.toLowerCase());
    // Anchoring an unchanged head sends nothing.
    expect((await anchorAuditHead(svc, hospital))?.version).toBe(1);

    await recordAudit(svc.db, {
      issuer: hospital,
      actor: { type: "system", id: "test" },
      action: "staff.enabled",
    });
    const log1 = await exportAuditLog(svc, hospital);
    const result = await verifyAuditLog(log1, { ledger: reader });
    expect(result.verified).toBe(true);
    expect(result.anchored).toMatchObject({ seq: log0.entries.length, version: 1 });
    expect(result.notYetAnchored).toBe(1);

    // The hourly sweep anchors a head whose oldest unanchored entry is old enough.
    expect(await anchorDueAuditHeads(svc, 3600_000)).toBe(0);
    // (Eastland's head may be anchored already, after its status anchor above.)
    expect(
      await anchorDueAuditHeads(svc, 3600_000, new Date(Date.now() + 2 * 3600_000)),
    ).toBeGreaterThanOrEqual(2);
    const [latest] = await svc.db
      .select()
      .from(auditAnchors)
      .where(eq(auditAnchors.issuerSlug, hospital.slug))
      .orderBy(auditAnchors.version);
    expect(latest).toBeDefined();
    expect((await reader.latest(auditLogListKey(hospital.did)))?.version).toBe(2);
    expect(
      (await verifyAuditLog(await exportAuditLog(svc, hospital), { ledger: reader }))
        .notYetAnchored,
    ).toBe(0);
  });

  it("anchors the head after a status anchor batch", async () => {
    const issued = await issueCredential(svc, northbridge, {
      type: "MedicalDegreeCredential",
      subject: {
        name: "Dr Ben Okafor",
        degree: "MBBS",
        programme: "Medicine",
        institution: "Northbridge University",
        graduationDate: "2020-06-30",
      },
    });
    await changeCredentialStatus(svc, northbridge, issued.id, "revoke", "Issued in error");
    // The audit anchor runs in the background after the status anchor; give it its block.
    const log = await exportAuditLog(svc, northbridge);
    const revoked = log.entries.find((e) => e.action === "credential.revoked");
    expect(revoked).toBeDefined();
    const key = auditLogListKey(northbridge.did);
    let head = await svc.ledger.reader.latest(key);
    for (let i = 0; i < 50 && head?.hash !== revoked?.hash; i++) {
      await new Promise((r) => setTimeout(r, 100));
      head = await svc.ledger.reader.latest(key);
    }
    expect(head?.hash).toBe(revoked?.hash);
  });

  describe("tampering", () => {
    let log: AuditLogExport;
    beforeAll(async () => {
      log = await exportAuditLog(svc, hospital);
      expect(log.entries.length).toBeGreaterThan(5);
    });
    const reader = () => svc.ledger.reader;
    const clone = () => structuredClone(log);

    it("an edited entry: AUDIT_ENTRY_ALTERED at its seq", async () => {
      const bad = clone();
      bad.entries[2]!.details = { i: 999 };
      const result = await verifyAuditLog(bad, { ledger: reader() });
      expect(result.verified).toBe(false);
      expect(result.checks[0]).toMatchObject({ ok: false, code: "AUDIT_ENTRY_ALTERED", seq: 3 });
    });

    it("a deleted entry: AUDIT_ENTRY_MISSING", async () => {
      const bad = clone();
      bad.entries.splice(3, 1);
      const result = await verifyAuditLog(bad, { ledger: reader() });
      expect(result.checks[0]).toMatchObject({ ok: false, code: "AUDIT_ENTRY_MISSING", seq: 4 });
    });

    it("reordered entries: AUDIT_ENTRY_OUT_OF_ORDER", async () => {
      const bad = clone();
      const [a, b] = [bad.entries[3]!, bad.entries[4]!];
      bad.entries[3] = b;
      bad.entries[4] = a;
      const result = await verifyAuditLog(bad, { ledger: reader() });
      expect(result.checks[0]).toMatchObject({ ok: false, code: "AUDIT_ENTRY_OUT_OF_ORDER" });
    });

    it("renumbered and re-hashed after a removal: AUDIT_CHAIN_BROKEN", async () => {
      const bad = clone();
      // Drop entry 4 and renumber 5 as 4, re-hashing it so its own hash is consistent.
      const { auditEntryHash } = await import("@/lib/trust/verify-audit-log");
      const next = bad.entries[4]!;
      bad.entries.splice(3, 1);
      next.seq = 4;
      next.hash = await auditEntryHash(bad.issuer.did, next);
      const result = await verifyAuditLog(
        { ...bad, entries: bad.entries.slice(0, 5) },
        { ledger: reader() },
      );
      expect(result.checks[0]).toMatchObject({ ok: false, code: "AUDIT_CHAIN_BROKEN", seq: 4 });
    });

    it("a cut-off tail: the anchored head is not in the log", async () => {
      const bad = clone();
      bad.entries = bad.entries.slice(0, 3);
      const result = await verifyAuditLog(bad, { ledger: reader() });
      expect(result.checks[0]?.ok).toBe(true);
      expect(result.checks[1]).toMatchObject({ ok: false, code: "AUDIT_ANCHOR_MISMATCH" });
    });

    it("not a log at all: AUDIT_FORMAT_INVALID", async () => {
      const result = await verifyAuditLog({ entries: "x" }, { ledger: reader() });
      expect(result.checks[0]).toMatchObject({ ok: false, code: "AUDIT_FORMAT_INVALID" });
    });

    it("an unreachable ledger: the anchor is unknown, never valid", async () => {
      const down = createLedgerReader({ ...chain.config, rpcUrl: "http://127.0.0.1:1" });
      const result = await verifyAuditLog(log, { ledger: down });
      expect(result.verified).toBe(false);
      expect(result.checks[1]).toMatchObject({ ok: null, code: "LEDGER_UNAVAILABLE" });
    });

    it("the CLI checks an export against the chain, and exits 1 on a tampered one", async () => {
      const { execFile } = await import("node:child_process");
      const { mkdtempSync, writeFileSync } = await import("node:fs");
      const { tmpdir } = await import("node:os");
      const dir = mkdtempSync(`${tmpdir()}/audit-`);
      const run = (file: string) =>
        new Promise<{ code: number; out: string }>((resolve) => {
          execFile(
            process.execPath,
            ["--import", "tsx", "scripts/verify-audit-log.ts", file, "--rpc", chain.config.rpcUrl],
            (err, stdout) => resolve({ code: err ? Number(err.code) : 0, out: stdout }),
          );
        });
      writeFileSync(`${dir}/good.json`, JSON.stringify(log));
      const good = await run(`${dir}/good.json`);
      expect(good.out).toContain("AUDIT_ANCHOR_MATCH");
      expect(good.code).toBe(0);
      const bad = clone();
      bad.entries[1]!.action = "credential.issued";
      writeFileSync(`${dir}/bad.json`, JSON.stringify(bad));
      const failed = await run(`${dir}/bad.json`);
      expect(failed.out).toContain("AUDIT_ENTRY_ALTERED (entry 2)");
      expect(failed.code).toBe(1);
    }, 30_000);

    it("the stored rows themselves: an edit in the database is caught on export", async () => {
      await svc.db
        .update(auditEntries)
        .set({ details: { i: -1 } })
        .where(eq(auditEntries.seq, 2));
      const result = await verifyAuditLog(await exportAuditLog(svc, hospital), {
        ledger: reader(),
      });
      expect(result.checks[0]).toMatchObject({ ok: false, code: "AUDIT_ENTRY_ALTERED", seq: 2 });
    });
  });
});
