import { beforeAll, describe, expect, it } from "vitest";
import { demoAdminEmail } from "@/lib/issuance/services";
import {
  bearer,
  callRoute,
  signInSession,
  startRouteTestStack,
  type RouteHandler,
} from "@/scripts/support/route-request";
import { TEST_ADMIN_PASSWORDS, TEST_API_KEYS } from "@/scripts/support/test-stack";
import { POST as signIn, GET as whoAmI, DELETE as signOut } from "../session/route";
import { POST as changePassword } from "../session/password/route";
import * as credentialsRoute from "./[slug]/credentials/route";
import { POST as changeStatus } from "./[slug]/credentials/[id]/[action]/route";
import * as staffRoute from "./[slug]/staff/route";
import { PATCH as patchStaff } from "./[slug]/staff/[id]/route";
import * as apiKeysRoute from "./[slug]/api-keys/route";
import { DELETE as revokeKey } from "./[slug]/api-keys/[id]/route";
import { GET as auditLog } from "./[slug]/audit-log/route";
import { GET as exportLog } from "./[slug]/audit-log/export/route";
import { POST as anchorLog } from "./[slug]/audit-log/anchor/route";

/**
 * Isolation through the HTTP route handlers on the real stack: issuer A's session cookie and API
 * key can read, issue, revoke, list, manage and export only issuer A's data; against issuer B
 * every route answers 403 (or 404 for B's records reached through A's own routes).
 */

startRouteTestStack();

const A = "eastland-licensing";
const B = "northbridge-medicine";

async function sessionFor(slug: string, email: string, password: string): Promise<Headers> {
  const session = await signInSession(signIn, { issuer: slug, email, password });
  expect(session.status).toBe(200);
  expect(session.setCookie).toMatch(/vitae_session=[A-Za-z0-9_-]{43}/);
  expect(session.setCookie).toMatch(/HttpOnly/i);
  expect(session.setCookie).toMatch(/SameSite=strict/i);
  return session.auth;
}

const licence = {
  type: "MedicalLicenseCredential",
  subject: { name: "Dr Amira Haddad", licenseNumber: "EL-9", jurisdiction: "Eastland" },
};
const degree = {
  type: "MedicalDegreeCredential",
  subject: {
    name: "Dr Ben Okafor",
    degree: "MBBS",
    programme: "Medicine",
    institution: "Northbridge University",
    graduationDate: "2020-06-30",
  },
};

describe("isolation between issuers, through the HTTP API", () => {
  let adminA: Headers;
  let keyA: Headers;
  let adminB: Headers;
  let credentialB: string;
  let staffB: string;
  let keyIdB: string;

  beforeAll(async () => {
    adminA = await sessionFor(A, demoAdminEmail(A), TEST_ADMIN_PASSWORDS[A]);
    adminB = await sessionFor(B, demoAdminEmail(B), TEST_ADMIN_PASSWORDS[B]);
    keyA = bearer(TEST_API_KEYS[A]);
    const issued = await callRoute(
      credentialsRoute.POST,
      { slug: B },
      {
        method: "POST",
        auth: adminB,
        body: degree,
      },
    );
    expect(issued.status).toBe(201);
    credentialB = issued.json.id;
    const member = await callRoute(
      staffRoute.POST,
      { slug: B },
      {
        method: "POST",
        auth: adminB,
        body: { email: "clerk@northbridge.example", name: "Clerk", role: "staff" },
      },
    );
    expect(member.status).toBe(201);
    staffB = member.json.member.id;
    const key = await callRoute(
      apiKeysRoute.POST,
      { slug: B },
      {
        method: "POST",
        auth: adminB,
        body: { label: "B's registrar" },
      },
    );
    expect(key.status).toBe(201);
    keyIdB = key.json.summary.id;
  });

  it("a session works on its own issuer: who am I, issue, list, audit log", async () => {
    const me = await callRoute(whoAmI as RouteHandler<object>, {}, { auth: adminA });
    expect(me.json).toMatchObject({ issuer: { slug: A }, staff: { role: "admin" } });
    const issued = await callRoute(
      credentialsRoute.POST,
      { slug: A },
      {
        method: "POST",
        auth: adminA,
        body: licence,
      },
    );
    expect(issued.status).toBe(201);
    const listed = await callRoute(credentialsRoute.GET, { slug: A }, { auth: adminA });
    expect(listed.json.map((c: { id: string }) => c.id)).toContain(issued.json.id);
    const log = await callRoute(auditLog, { slug: A }, { auth: adminA, query: "?limit=5" });
    expect(log.status).toBe(200);
    expect(log.json.entries[0]).toMatchObject({
      action: "credential.issued",
      credentialId: issued.json.id,
      actor: { type: "staff" },
    });
  });

  for (const who of ["session", "api key"] as const) {
    it(`issuer A's ${who} cannot read, issue, revoke, list, manage or export issuer B's data`, async () => {
      const auth = who === "session" ? adminA : keyA;
      const attempts = [
        callRoute(credentialsRoute.GET, { slug: B }, { auth }),
        callRoute(credentialsRoute.POST, { slug: B }, { method: "POST", auth, body: degree }),
        callRoute(
          changeStatus,
          { slug: B, id: credentialB, action: "revoke" },
          {
            method: "POST",
            auth,
            body: { reason: "hostile" },
          },
        ),
        callRoute(staffRoute.GET, { slug: B }, { auth }),
        callRoute(
          staffRoute.POST,
          { slug: B },
          {
            method: "POST",
            auth,
            body: { email: "mole@x.example", name: "Mole", role: "admin" },
          },
        ),
        callRoute(
          patchStaff,
          { slug: B, id: staffB },
          { method: "PATCH", auth, body: { role: "admin" } },
        ),
        callRoute(apiKeysRoute.GET, { slug: B }, { auth }),
        callRoute(apiKeysRoute.POST, { slug: B }, { method: "POST", auth, body: { label: "x" } }),
        callRoute(revokeKey, { slug: B, id: keyIdB }, { method: "DELETE", auth }),
        callRoute(auditLog, { slug: B }, { auth }),
        callRoute(exportLog, { slug: B }, { auth }),
        callRoute(anchorLog, { slug: B }, { method: "POST", auth }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe("FORBIDDEN");
      }
      // Through A's own routes, B's records are simply not there.
      const viaOwn = await Promise.all([
        callRoute(
          changeStatus,
          { slug: A, id: credentialB, action: "revoke" },
          {
            method: "POST",
            auth,
            body: {},
          },
        ),
        ...(who === "session"
          ? [
              callRoute(
                patchStaff,
                { slug: A, id: staffB },
                {
                  method: "PATCH",
                  auth,
                  body: { disabled: true },
                },
              ),
              callRoute(revokeKey, { slug: A, id: keyIdB }, { method: "DELETE", auth }),
            ]
          : []),
      ]);
      for (const res of viaOwn) expect(res.status).toBe(404);

      // Nothing of B changed.
      const listB = await callRoute(credentialsRoute.GET, { slug: B }, { auth: adminB });
      expect(listB.json.find((c: { id: string }) => c.id === credentialB).status).toBe("active");
      const staffList = await callRoute(staffRoute.GET, { slug: B }, { auth: adminB });
      expect(staffList.json.find((m: { id: string }) => m.id === staffB)).toMatchObject({
        role: "staff",
        disabled: false,
      });
      const keys = await callRoute(apiKeysRoute.GET, { slug: B }, { auth: adminB });
      expect(keys.json.find((k: { id: string }) => k.id === keyIdB).revokedAt).toBeNull();
      const exported = await callRoute(exportLog, { slug: B }, { auth: adminB });
      expect(JSON.stringify(exported.json)).not.toContain(A);
    });
  }

  it("staff and API keys cannot manage staff or keys; bad input gets field errors", async () => {
    const clerk = await callRoute(
      staffRoute.POST,
      { slug: A },
      {
        method: "POST",
        auth: adminA,
        body: { email: "Clerk@Eastland.example ", name: "Clerk", role: "staff" },
      },
    );
    expect(clerk.status).toBe(201);
    expect(clerk.json.member.email).toBe("clerk@eastland.example");
    const staffA = await sessionFor(A, "clerk@eastland.example", clerk.json.temporaryPassword);
    // A new account first replaces the admin's temporary password with its own.
    const changed = await callRoute(
      changePassword as RouteHandler<object>,
      {},
      {
        method: "POST",
        auth: staffA,
        body: {
          currentPassword: clerk.json.temporaryPassword,
          newPassword: "a desk by the window 8",
        },
      },
    );
    expect(changed.status).toBe(200);
    for (const auth of [staffA, keyA]) {
      expect((await callRoute(staffRoute.GET, { slug: A }, { auth })).status).toBe(403);
      expect(
        (
          await callRoute(
            apiKeysRoute.POST,
            { slug: A },
            { method: "POST", auth, body: { label: "x" } },
          )
        ).status,
      ).toBe(403);
    }
    // Staff issue and read the audit log.
    const issued = await callRoute(
      credentialsRoute.POST,
      { slug: A },
      {
        method: "POST",
        auth: staffA,
        body: licence,
      },
    );
    expect(issued.status).toBe(201);
    expect((await callRoute(auditLog, { slug: A }, { auth: staffA })).status).toBe(200);

    const bad = await callRoute(
      staffRoute.POST,
      { slug: A },
      {
        method: "POST",
        auth: adminA,
        body: { email: "not-an-email", name: "", role: "owner" },
      },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["email", "name", "role"]);
    const badQuery = await callRoute(auditLog, { slug: A }, { auth: adminA, query: "?limit=0" });
    expect(badQuery.status).toBe(400);

    const wrong = await callRoute(
      signIn as RouteHandler<object>,
      {},
      {
        method: "POST",
        body: { issuer: A, email: "clerk@eastland.example", password: "wrong" },
      },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();

    // Signing out ends the cookie's power at once.
    const out = await callRoute(
      signOut as RouteHandler<object>,
      {},
      { method: "DELETE", auth: staffA },
    );
    expect(out.status).toBe(204);
    expect((await callRoute(credentialsRoute.GET, { slug: A }, { auth: staffA })).status).toBe(401);
  }, 20_000);
});
