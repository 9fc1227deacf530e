import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { demoAdmin, demoApiKey, LICENSING, signInToConsole } from "../fixtures/demo";

/**
 * Isolation through the console: issuer B (Northbridge) has a credential, a staff member, an API
 * key, a bulk job and audit entries. Signed in as issuer A's (Eastland) admin, the console never
 * shows any of them, and A's session cookie cannot read or act on them — neither by B's URLs
 * opened in the browser nor by requests sent with the cookie (`page.request`). Each refusal is
 * the specific one: 403 FORBIDDEN on B's routes, 404 NOT_FOUND for B's ids on A's own routes.
 */

const B = "northbridge-medicine";
const run = Date.now().toString(36);

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.join("test-results", "screenshots", `${name}.png`),
    fullPage: true,
  });

type Seeded = {
  credentialId: string;
  holder: string;
  staffId: string;
  staffEmail: string;
  keyId: string;
  keyLabel: string;
  jobId: string;
};

/** Issuer B's records, made through its own admin session and API key (a context of its own). */
async function seedIssuerB(request: APIRequestContext): Promise<Seeded> {
  const auth = { Authorization: `Bearer ${demoApiKey(B)}` };
  const holder = `Dr Isolde Northbridge ${run}`;
  const issued = await request.post(`/api/v1/issuers/${B}/credentials`, {
    headers: auth,
    data: {
      type: "MedicalDegreeCredential",
      subject: {
        name: holder,
        degree: "MBBS",
        programme: "Medicine",
        institution: "Northbridge University",
        graduationDate: "2020-06-30",
      },
    },
  });
  expect(issued.status()).toBe(201);
  const credentialId = ((await issued.json()) as { id: string }).id;

  const csv = [
    "row_key,name,degree,programme,institution,graduationDate",
    `NB-${run}-1,Dr Bulk One ${run},MBBS,Medicine,Northbridge University,2021-06-30`,
    `NB-${run}-2,Dr Bulk Two ${run},MBBS,Medicine,Northbridge University,2021-06-30`,
  ].join("\n");
  const job = await request.post(`/api/v1/issuers/${B}/bulk/jobs`, {
    headers: auth,
    multipart: {
      type: "MedicalDegreeCredential",
      file: { name: "northbridge.csv", mimeType: "text/csv", buffer: Buffer.from(csv) },
    },
  });
  expect(job.status()).toBe(202);
  const jobId = ((await job.json()) as { id: string }).id;

  // Staff and keys are managed by an admin session only.
  const admin = demoAdmin(B);
  const signIn = await request.post("/api/v1/session", { data: { issuer: B, ...admin } });
  expect(signIn.status()).toBe(200);
  const staffEmail = `dean${run}@northbridge.example`;
  const staff = await request.post(`/api/v1/issuers/${B}/staff`, {
    data: { email: staffEmail, name: "Dean Northbridge", role: "staff" },
  });
  expect(staff.status()).toBe(201);
  const staffId = ((await staff.json()) as { member: { id: string } }).member.id;
  const keyLabel = `Northbridge registry ${run}`;
  const key = await request.post(`/api/v1/issuers/${B}/api-keys`, { data: { label: keyLabel } });
  expect(key.status()).toBe(201);
  const keyId = ((await key.json()) as { summary: { id: string } }).summary.id;
  return { credentialId, holder, staffId, staffEmail, keyId, keyLabel, jobId };
}

async function expectRefusal(
  res: Awaited<ReturnType<APIRequestContext["get"]>>,
  status: number,
  code: string,
) {
  expect(res.status(), await res.text()).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

test("signed in as issuer A, the console neither shows nor acts on issuer B's records", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const b = await seedIssuerB(request);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/issuer");
  await signInToConsole(page, LICENSING);
  await expect(page.getByTestId(testIds.issuer.signedInAs)).toContainText("Admin");

  // Registry: B's credential id, opened as a console link, finds nothing — a message, no crash.
  await page.goto(`/issuer?q=${b.credentialId}`);
  await expect(page.getByTestId(testIds.issuer.registrySearch)).toHaveValue(b.credentialId);
  await expect(page.getByText("No credential matches")).toBeVisible();
  await expect(page.getByText("Nothing issued by you matches these filters.")).toBeVisible();
  await expect(page.getByText(b.holder)).toHaveCount(0);
  await shot(page, "isolation-registry-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "isolation-registry-390");
  await page.setViewportSize({ width: 1280, height: 900 });
  // B's bulk job is not among A's jobs shown in the bulk panel.
  await expect(page.getByTestId(testIds.issuer.bulkPanel)).not.toContainText("northbridge.csv");

  // Staff, API keys and the audit log show A's records only.
  const nav = page.getByTestId(testIds.issuer.consoleNav);
  await nav.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByTestId(testIds.issuer.staffTable)).toContainText(`admin@${LICENSING}`);
  await expect(page.getByTestId(testIds.issuer.staffTable)).not.toContainText(b.staffEmail);
  await expect(page.getByTestId(testIds.issuer.staffTable)).not.toContainText(`admin@${B}`);
  await nav.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByTestId(testIds.issuer.apiKeysTable)).toBeVisible();
  await expect(page.getByText(b.keyLabel)).toHaveCount(0);
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByTestId(testIds.issuer.auditTable)).toBeVisible();
  await expect(page.getByTestId(testIds.issuer.auditTable)).not.toContainText(b.credentialId);
  await expect(page.getByTestId(testIds.issuer.auditTable)).not.toContainText(b.staffId);

  // B's URLs opened in the browser with A's cookie: a 403 with its code, nothing of B's.
  for (const url of [
    `/api/v1/issuers/${B}/credentials`,
    `/api/v1/issuers/${B}/staff`,
    `/api/v1/issuers/${B}/api-keys`,
    `/api/v1/issuers/${B}/audit-log`,
    `/api/v1/issuers/${B}/audit-log/export`,
    `/api/v1/issuers/${B}/bulk/jobs`,
    `/api/v1/issuers/${B}/bulk/jobs/${b.jobId}`,
    `/api/v1/issuers/${B}/bulk/jobs/${b.jobId}/result`,
  ]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
    const text = await page.locator("body").innerText();
    expect(text, url).toContain('"FORBIDDEN"');
    expect(text, url).toContain("You are signed in for another issuer.");
    expect(text, url).not.toContain(b.holder);
  }

  // Acting on B through B's routes with A's cookie: refused, 403.
  const api = page.request;
  await expectRefusal(
    await api.post(`/api/v1/issuers/${B}/credentials/${b.credentialId}/revoke`, {
      data: { reason: "attempt from another issuer" },
    }),
    403,
    "FORBIDDEN",
  );
  await expectRefusal(
    await api.post(`/api/v1/issuers/${B}/credentials/${b.credentialId}/amend`, {
      data: { subject: { name: "Changed" } },
    }),
    403,
    "FORBIDDEN",
  );
  await expectRefusal(
    await api.patch(`/api/v1/issuers/${B}/staff/${b.staffId}`, { data: { disabled: true } }),
    403,
    "FORBIDDEN",
  );
  await expectRefusal(
    await api.delete(`/api/v1/issuers/${B}/api-keys/${b.keyId}`),
    403,
    "FORBIDDEN",
  );
  await expectRefusal(await api.post(`/api/v1/issuers/${B}/audit-log/anchor`), 403, "FORBIDDEN");
  await expectRefusal(
    await api.post(`/api/v1/issuers/${B}/staff`, {
      data: { email: `mole${run}@eastland.example`, name: "Mole", role: "admin" },
    }),
    403,
    "FORBIDDEN",
  );

  // B's ids through A's own routes: indistinguishable from ids that do not exist, 404.
  await expectRefusal(
    await api.post(`/api/v1/issuers/${LICENSING}/credentials/${b.credentialId}/revoke`, {
      data: { reason: "attempt through own routes" },
    }),
    404,
    "NOT_FOUND",
  );
  await expectRefusal(
    await api.post(`/api/v1/issuers/${LICENSING}/credentials/${b.credentialId}/suspend`, {
      data: { reason: "attempt through own routes" },
    }),
    404,
    "NOT_FOUND",
  );
  await expectRefusal(
    await api.patch(`/api/v1/issuers/${LICENSING}/staff/${b.staffId}`, {
      data: { disabled: true },
    }),
    404,
    "NOT_FOUND",
  );
  await expectRefusal(
    await api.delete(`/api/v1/issuers/${LICENSING}/api-keys/${b.keyId}`),
    404,
    "NOT_FOUND",
  );
  await expectRefusal(
    await api.get(`/api/v1/issuers/${LICENSING}/bulk/jobs/${b.jobId}`),
    404,
    "NOT_FOUND",
  );
  await expectRefusal(
    await api.get(`/api/v1/issuers/${LICENSING}/bulk/jobs/${b.jobId}/result`),
    404,
    "NOT_FOUND",
  );

  // Nothing of B's changed: its admin (the other context) still sees all of it as it was.
  const credential = await request.get(`/api/v1/issuers/${B}/credentials?q=${b.credentialId}`);
  const [row] = (await credential.json()) as { id: string; status: string }[];
  expect(row).toMatchObject({ id: b.credentialId, status: "active" });
  const staffList = (await (await request.get(`/api/v1/issuers/${B}/staff`)).json()) as {
    id: string;
    disabled: boolean;
  }[];
  expect(staffList.find((s) => s.id === b.staffId)?.disabled).toBe(false);
  const keys = (await (await request.get(`/api/v1/issuers/${B}/api-keys`)).json()) as {
    id: string;
    revokedAt: string | null;
  }[];
  expect(keys.find((k) => k.id === b.keyId)?.revokedAt).toBeNull();
  const log = (await (await request.get(`/api/v1/issuers/${B}/audit-log/export`)).json()) as {
    entries: { actor: { id: string } }[];
  };
  expect(log.entries.length).toBeGreaterThan(0);
});
