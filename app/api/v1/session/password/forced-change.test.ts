import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAdminEmail, type IssuanceServices } from "@/lib/issuance/services";
import {
  startTestChain,
  startTestServices,
  TEST_ADMIN_PASSWORDS,
  TEST_API_KEYS,
  type TestChain,
} from "@/scripts/support/test-stack";
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
 * member signed in with the temporary password from an admin's reset gets 403
 * PASSWORD_CHANGE_REQUIRED from every console API until they change it; only the change itself,
 * "who am I" and signing out work meanwhile. API keys are not affected.
 */

let chain: TestChain;
let svc: IssuanceServices;
let close: () => Promise<void>;
const holder = globalThis as { __vitaeServices?: { promise?: Promise<IssuanceServices> } };
const A = "eastland-licensing";

beforeAll(async () => {
  chain = await startTestChain();
  const started = await startTestServices(chain);
  svc = started.svc;
  close = started.db.close;
  (holder.__vitaeServices ??= {}).promise = Promise.resolve(svc);
});

afterAll(async () => {
  if (holder.__vitaeServices) holder.__vitaeServices.promise = undefined;
  await close?.();
  await chain?.stop();
});

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P>(
  handler: Handler<P>,
  params: P,
  opts: { method?: string; auth?: Headers; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any; headers: Headers }> {
  const headers = new Headers(opts.auth);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const res = await handler(
    new Request("http://localhost/api", {
      method: opts.method ?? "GET",
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(params) },
  );
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function sessionFor(email: string, password: string) {
  const res = await call(
    signIn as Handler<object>,
    {},
    { method: "POST", body: { issuer: A, email, password } },
  );
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { auth: new Headers({ cookie }), json: res.json };
}

const licence = {
  type: "MedicalLicenseCredential",
  subject: { name: "Dr Amira Haddad", licenseNumber: "EL-77", jurisdiction: "Eastland" },
};

describe("forced password change after an admin's reset", () => {
  it("blocks every console API until the temporary password is changed", async () => {
    const admin = await sessionFor(demoAdminEmail(A), TEST_ADMIN_PASSWORDS[A]);
    const email = "reset-me@eastland.example";
    const created = await call(
      staffRoute.POST,
      { slug: A },
      { method: "POST", auth: admin.auth, body: { email, name: "Reset Me", role: "admin" } },
    );
    expect(created.status).toBe(201);
    const staffId: string = created.json.member.id;

    // Before any reset, the account works normally.
    const before = await sessionFor(email, created.json.temporaryPassword);
    expect(before.json.mustChangePassword).toBe(false);
    expect((await call(credentialsRoute.GET, { slug: A }, { auth: before.auth })).status).toBe(200);

    const reset = await call(
      resetPassword,
      { slug: A, id: staffId },
      { method: "POST", auth: admin.auth },
    );
    expect(reset.status).toBe(200);
    const temporary: string = reset.json.temporaryPassword;

    const flagged = await sessionFor(email, temporary);
    expect(flagged.json.mustChangePassword).toBe(true);
    const me = await call(whoAmI as Handler<object>, {}, { auth: flagged.auth });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ mustChangePassword: true, staff: { email } });

    const total = async () =>
      Number(
        (await call(credentialsRoute.GET, { slug: A }, { auth: admin.auth })).headers.get(
          "x-total-count",
        ),
      );
    const issuedBefore = await total();
    const blocked = [
      await call(credentialsRoute.GET, { slug: A }, { auth: flagged.auth }),
      await call(
        credentialsRoute.POST,
        { slug: A },
        { method: "POST", auth: flagged.auth, body: licence },
      ),
      await call(staffRoute.GET, { slug: A }, { auth: flagged.auth }),
      await call(
        staffRoute.POST,
        { slug: A },
        {
          method: "POST",
          auth: flagged.auth,
          body: { email: "x@eastland.example", name: "X", role: "staff" },
        },
      ),
      await call(apiKeysRoute.GET, { slug: A }, { auth: flagged.auth }),
      await call(
        apiKeysRoute.POST,
        { slug: A },
        { method: "POST", auth: flagged.auth, body: { label: "x" } },
      ),
      await call(auditLog, { slug: A }, { auth: flagged.auth }),
      await call(bulkJobsRoute.GET, { slug: A }, { auth: flagged.auth }),
    ];
    for (const res of blocked) {
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("PASSWORD_CHANGE_REQUIRED");
      expect(res.json.error.message).toMatch(/temporary password/);
    }
    expect(await total()).toBe(issuedBefore);

    // The issuer's systems (API key) are not held up by one person's reset.
    const byKey = await call(
      credentialsRoute.GET,
      { slug: A },
      { auth: new Headers({ authorization: `Bearer ${TEST_API_KEYS[A]}` }) },
    );
    expect(byKey.status).toBe(200);

    // Signing out works while flagged.
    const other = await sessionFor(email, temporary);
    const out = await call(signOut as Handler<object>, {}, { method: "DELETE", auth: other.auth });
    expect(out.status).toBe(204);
    expect((await call(whoAmI as Handler<object>, {}, { auth: other.auth })).status).toBe(401);

    // A wrong temporary password does not lift it; the right one does.
    const wrong = await call(
      changePassword as Handler<object>,
      {},
      {
        method: "POST",
        auth: flagged.auth,
        body: { currentPassword: "not-the-temporary-one", newPassword: "a long new phrase 42" },
      },
    );
    expect(wrong.status).toBe(400);
    expect((await call(staffRoute.GET, { slug: A }, { auth: flagged.auth })).status).toBe(403);
    const changed = await call(
      changePassword as Handler<object>,
      {},
      {
        method: "POST",
        auth: flagged.auth,
        body: { currentPassword: temporary, newPassword: "a long new phrase 42" },
      },
    );
    expect(changed.status).toBe(200);

    // The same session now works, and the next sign-in is not flagged.
    expect((await call(staffRoute.GET, { slug: A }, { auth: flagged.auth })).status).toBe(200);
    expect(
      (await call(whoAmI as Handler<object>, {}, { auth: flagged.auth })).json.mustChangePassword,
    ).toBe(false);
    const again = await sessionFor(email, "a long new phrase 42");
    expect(again.json.mustChangePassword).toBe(false);
    expect(
      (
        await call(
          credentialsRoute.POST,
          { slug: A },
          { method: "POST", auth: again.auth, body: licence },
        )
      ).status,
    ).toBe(201);
  });
});
