import { describe, expect, it } from "vitest";
import { demoAdminEmail } from "@/lib/issuance/services";
import {
  bearer,
  callRoute,
  signInSession,
  startRouteTestStack,
  type RouteHandler,
} from "@/scripts/support/route-request";
import { TEST_ADMIN_PASSWORDS, TEST_API_KEYS } from "@/scripts/support/test-stack";
import * as apiKeysRoute from "../../issuers/[slug]/api-keys/route";
import { GET as auditLog } from "../../issuers/[slug]/audit-log/route";
import * as bulkJobsRoute from "../../issuers/[slug]/bulk/jobs/route";
import * as credentialsRoute from "../../issuers/[slug]/credentials/route";
import { POST as resetPassword } from "../../issuers/[slug]/staff/[id]/reset-password/route";
import * as staffRoute from "../../issuers/[slug]/staff/route";
import { DELETE as signOut, GET as whoAmI, POST as signIn } from "../route";
import { POST as changePassword } from "./route";

/**
 * Issue #3's forced password change, through the HTTP route handlers on the real stack: a staff
 * member signed in with a temporary password from an admin — the one their account was created
 * with, or one from a reset — gets 403 PASSWORD_CHANGE_REQUIRED from every console API until they
 * change it; only the change itself, "who am I" and signing out work meanwhile. API keys are not
 * affected. The demo seed's admin (created by the seed, not by an admin) is not held up.
 */

startRouteTestStack();
const A = "eastland-licensing";

async function sessionFor(email: string, password: string) {
  const session = await signInSession(signIn, { issuer: A, email, password });
  expect(session.status).toBe(200);
  return session;
}

const licence = {
  type: "MedicalLicenseCredential",
  subject: { name: "Dr Amira Haddad", licenseNumber: "EL-77", jurisdiction: "Eastland" },
};

async function changeOwn(auth: Headers, currentPassword: string, newPassword: string) {
  return callRoute(
    changePassword as RouteHandler<object>,
    {},
    { method: "POST", auth, body: { currentPassword, newPassword } },
  );
}

describe("forced password change for a new account", () => {
  it("the seeded demo admin signs in without a forced change", async () => {
    const admin = await sessionFor(demoAdminEmail(A), TEST_ADMIN_PASSWORDS[A]);
    expect(admin.json.mustChangePassword).toBe(false);
    expect((await callRoute(staffRoute.GET, { slug: A }, { auth: admin.auth })).status).toBe(200);
  });

  it("an account an admin creates must change its temporary password at first sign-in", async () => {
    const admin = await sessionFor(demoAdminEmail(A), TEST_ADMIN_PASSWORDS[A]);
    const email = "new-colleague@eastland.example";
    const created = await callRoute(
      staffRoute.POST,
      { slug: A },
      { method: "POST", auth: admin.auth, body: { email, name: "New Colleague", role: "admin" } },
    );
    expect(created.status).toBe(201);
    // The response says so (an added field; `member` and `temporaryPassword` are as before).
    expect(created.json).toMatchObject({
      member: { email, role: "admin", disabled: false, mustChangePassword: true },
      temporaryPassword: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
    });
    const temporary: string = created.json.temporaryPassword;
    const listed = await callRoute(staffRoute.GET, { slug: A }, { auth: admin.auth });
    expect(listed.json.find((m: { email: string }) => m.email === email)?.mustChangePassword).toBe(
      true,
    );

    // First sign-in: the session says so, and every console API refuses, admin or not.
    const first = await sessionFor(email, temporary);
    expect(first.json.mustChangePassword).toBe(true);
    const me = await callRoute(whoAmI as RouteHandler<object>, {}, { auth: first.auth });
    expect(me.json).toMatchObject({ mustChangePassword: true, staff: { email, role: "admin" } });
    for (const res of [
      await callRoute(credentialsRoute.GET, { slug: A }, { auth: first.auth }),
      await callRoute(
        credentialsRoute.POST,
        { slug: A },
        { method: "POST", auth: first.auth, body: licence },
      ),
      await callRoute(staffRoute.GET, { slug: A }, { auth: first.auth }),
      await callRoute(
        apiKeysRoute.POST,
        { slug: A },
        { method: "POST", auth: first.auth, body: { label: "x" } },
      ),
      await callRoute(auditLog, { slug: A }, { auth: first.auth }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    }

    // Changing it opens the console on the same session; the admin's list no longer flags them.
    const own = "my own ward phrase 17";
    expect((await changeOwn(first.auth, temporary, own)).status).toBe(200);
    expect((await callRoute(staffRoute.GET, { slug: A }, { auth: first.auth })).status).toBe(200);
    expect(
      (
        await callRoute(
          credentialsRoute.POST,
          { slug: A },
          {
            method: "POST",
            auth: first.auth,
            body: licence,
          },
        )
      ).status,
    ).toBe(201);
    const relisted = await callRoute(staffRoute.GET, { slug: A }, { auth: admin.auth });
    expect(
      relisted.json.find((m: { email: string }) => m.email === email)?.mustChangePassword,
    ).toBe(false);
    // The temporary password is gone; the next sign-in with their own is not flagged.
    const stale = await callRoute(
      signIn as RouteHandler<object>,
      {},
      { method: "POST", body: { issuer: A, email, password: temporary } },
    );
    expect(stale.status).toBe(401);
    expect((await sessionFor(email, own)).json.mustChangePassword).toBe(false);
  });
});

describe("forced password change after an admin's reset", () => {
  it("blocks every console API until the temporary password is changed", async () => {
    const admin = await sessionFor(demoAdminEmail(A), TEST_ADMIN_PASSWORDS[A]);
    const email = "reset-me@eastland.example";
    const created = await callRoute(
      staffRoute.POST,
      { slug: A },
      { method: "POST", auth: admin.auth, body: { email, name: "Reset Me", role: "admin" } },
    );
    expect(created.status).toBe(201);
    const staffId: string = created.json.member.id;

    // Once they have chosen their own password, the account works normally.
    const first = await sessionFor(email, created.json.temporaryPassword);
    const chosen = "their first own phrase 3";
    expect((await changeOwn(first.auth, created.json.temporaryPassword, chosen)).status).toBe(200);
    const before = await sessionFor(email, chosen);
    expect(before.json.mustChangePassword).toBe(false);
    expect((await callRoute(credentialsRoute.GET, { slug: A }, { auth: before.auth })).status).toBe(
      200,
    );

    const reset = await callRoute(
      resetPassword,
      { slug: A, id: staffId },
      { method: "POST", auth: admin.auth },
    );
    expect(reset.status).toBe(200);
    const temporary: string = reset.json.temporaryPassword;

    const flagged = await sessionFor(email, temporary);
    expect(flagged.json.mustChangePassword).toBe(true);
    const me = await callRoute(whoAmI as RouteHandler<object>, {}, { auth: flagged.auth });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ mustChangePassword: true, staff: { email } });

    const total = async () =>
      Number(
        (await callRoute(credentialsRoute.GET, { slug: A }, { auth: admin.auth })).headers.get(
          "x-total-count",
        ),
      );
    const issuedBefore = await total();
    const blocked = [
      await callRoute(credentialsRoute.GET, { slug: A }, { auth: flagged.auth }),
      await callRoute(
        credentialsRoute.POST,
        { slug: A },
        { method: "POST", auth: flagged.auth, body: licence },
      ),
      await callRoute(staffRoute.GET, { slug: A }, { auth: flagged.auth }),
      await callRoute(
        staffRoute.POST,
        { slug: A },
        {
          method: "POST",
          auth: flagged.auth,
          body: { email: "x@eastland.example", name: "X", role: "staff" },
        },
      ),
      await callRoute(apiKeysRoute.GET, { slug: A }, { auth: flagged.auth }),
      await callRoute(
        apiKeysRoute.POST,
        { slug: A },
        { method: "POST", auth: flagged.auth, body: { label: "x" } },
      ),
      await callRoute(auditLog, { slug: A }, { auth: flagged.auth }),
      await callRoute(bulkJobsRoute.GET, { slug: A }, { auth: flagged.auth }),
    ];
    for (const res of blocked) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
      expect(res.json.error.message).toMatch(/temporary password/);
    }
    expect(await total()).toBe(issuedBefore);

    // The issuer's systems (API key) are not held up by one person's reset.
    const byKey = await callRoute(
      credentialsRoute.GET,
      { slug: A },
      { auth: bearer(TEST_API_KEYS[A]) },
    );
    expect(byKey.status).toBe(200);

    // Signing out works while flagged.
    const other = await sessionFor(email, temporary);
    const out = await callRoute(
      signOut as RouteHandler<object>,
      {},
      { method: "DELETE", auth: other.auth },
    );
    expect(out.status).toBe(204);
    expect((await callRoute(whoAmI as RouteHandler<object>, {}, { auth: other.auth })).status).toBe(
      401,
    );

    // A wrong temporary password does not lift it; the right one does.
    const wrong = await callRoute(
      changePassword as RouteHandler<object>,
      {},
      {
        method: "POST",
        auth: flagged.auth,
        body: { currentPassword: "not-the-temporary-one", newPassword: "a long new phrase 42" },
      },
    );
    expect(wrong.status).toBe(400);
    expect((await callRoute(staffRoute.GET, { slug: A }, { auth: flagged.auth })).status).toBe(403);
    const changed = await callRoute(
      changePassword as RouteHandler<object>,
      {},
      {
        method: "POST",
        auth: flagged.auth,
        body: { currentPassword: temporary, newPassword: "a long new phrase 42" },
      },
    );
    expect(changed.status).toBe(200);

    // The same session now works, and the next sign-in is not flagged.
    expect((await callRoute(staffRoute.GET, { slug: A }, { auth: flagged.auth })).status).toBe(200);
    expect(
      (await callRoute(whoAmI as RouteHandler<object>, {}, { auth: flagged.auth })).json
        .mustChangePassword,
    ).toBe(false);
    const again = await sessionFor(email, "a long new phrase 42");
    expect(again.json.mustChangePassword).toBe(false);
    expect(
      (
        await callRoute(
          credentialsRoute.POST,
          { slug: A },
          { method: "POST", auth: again.auth, body: licence },
        )
      ).status,
    ).toBe(201);
  });
});
