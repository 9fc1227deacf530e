import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Address } from "viem";
import { createLedgerReader } from "@/lib/ledger/reader";
import { testIds } from "@/lib/test-ids";
import { auditLogListKey, verifyAuditLog } from "@/lib/trust/verify-audit-log";
import { e2eRpcUrl } from "../../playwright.config";
import { LICENSING, signInToConsole } from "../fixtures/demo";

/**
 * Issuer staff and the audit log, in the UI and against the chain: the seeded admin signs in,
 * adds a staff member and an API key (then revokes it); the staff member signs in with the
 * temporary password, sees only the change form until choosing their own, then issues and
 * revokes a licence; the audit log shows every step, verifies in
 * the browser against the ledger, and its export verifies here too, read straight from anvil.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);

async function shotBoth(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shots(`${name}-desktop`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shots(`${name}-390`), fullPage: true });
  // Nothing may stick out sideways on a phone (screen-reader text included).
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("admin adds staff and a key; staff issue and revoke; the audit log verifies against the chain", async ({
  browser,
  request,
}) => {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const suffix = Date.now() % 100_000;
  const staffEmail = `registrar${suffix}@eastland.example`;
  const holder = `Dr Noor Haddad ${suffix}`;

  // 1. The seeded admin signs in (a wrong password first: a uniform error, no session).
  await page.goto("/issuer");
  await expect(page.getByTestId(testIds.issuer.signIn)).toBeVisible();
  await shotBoth(page, "console-sign-in");
  await signInToConsole(page, LICENSING, {
    email: `admin@${LICENSING}.example`,
    password: "not-the-password",
  });
  await expect(page.getByTestId(testIds.issuer.signInError)).toContainText(
    "e-mail address or password is not right",
  );
  await signInToConsole(page, LICENSING);
  await expect(page.getByTestId(testIds.issuer.signedInAs)).toContainText("Admin");
  const nav = page.getByTestId(testIds.issuer.consoleNav);
  await expect(nav.getByRole("link", { name: "Staff" })).toBeVisible();

  // 2. Staff: add a registrar, read the temporary password shown once.
  await nav.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByTestId(testIds.issuer.staffTable)).toContainText(`admin@${LICENSING}`);
  const add = page.getByTestId(testIds.issuer.addStaffForm);
  await add.getByLabel("Full name").fill("Rita Registrar");
  await add.getByLabel("Work e-mail").fill("not-an-email");
  await page.getByTestId(testIds.issuer.addStaffSubmit).click();
  await expect(add.getByText("Enter their work e-mail address.")).toBeVisible();
  await add.getByLabel("Work e-mail").fill(staffEmail);
  await page.getByTestId(testIds.issuer.addStaffSubmit).click();
  const temporary = (await page.getByTestId(testIds.issuer.temporaryPassword).innerText()).trim();
  expect(temporary).toMatch(/^[A-Za-z0-9_-]{16}$/);
  // The admin is told it is temporary: it must be changed at the first sign-in.
  await expect(page.getByTestId(testIds.issuer.temporaryPasswordNote)).toContainText(
    "When they first sign in with it, they must choose their own password",
  );
  const registrarRow = page.getByTestId(testIds.issuer.staffRow).filter({ hasText: staffEmail });
  await expect(registrarRow).toContainText("Active");
  await expect(registrarRow.getByTestId(testIds.issuer.staffTemporaryPassword)).toHaveText(
    "Temporary password",
  );
  await shotBoth(page, "console-staff");

  // 3. API keys: create one (shown once), check it works on the API, revoke it.
  await nav.getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Used by").fill("Registry system");
  await page.getByTestId(testIds.issuer.createApiKeySubmit).click();
  const key = (await page.getByTestId(testIds.issuer.newApiKey).innerText()).trim();
  expect(key).toMatch(/^vk_/);
  const credentialsUrl = `/api/v1/issuers/${LICENSING}/credentials`;
  const withKey = { headers: { Authorization: `Bearer ${key}` } };
  expect((await request.get(credentialsUrl, withKey)).status()).toBe(200);
  await shotBoth(page, "console-api-keys");
  const keyRow = page.getByTestId(testIds.issuer.apiKeyRow).filter({ hasText: "Registry system" });
  await keyRow.getByRole("button", { name: /Revoke the key/ }).click();
  await keyRow.getByTestId(testIds.issuer.revokeApiKey).click();
  await expect(keyRow).toContainText("Revoked");
  expect((await request.get(credentialsUrl, withKey)).status()).toBe(401);

  // 4. Sign out; the registrar signs in and sees no admin pages.
  await page.getByTestId(testIds.issuer.signOut).click();
  await expect(page.getByTestId(testIds.issuer.signIn)).toBeVisible();
  await page.goto("/issuer");
  await signInToConsole(page, LICENSING, { email: staffEmail, password: temporary });
  await expect(page.getByTestId(testIds.issuer.signedInAs)).toContainText("Rita Registrar");
  // Their first sign-in shows only the change form: no console pages, no issuing.
  const required = page.getByTestId(testIds.issuer.passwordChangeRequired);
  await expect(required).toContainText("Choose your own password first");
  await expect(nav).toHaveCount(0);
  await expect(page.getByTestId(testIds.issuer.issueForm)).toHaveCount(0);
  await shotBoth(page, "console-first-sign-in");
  const forced = page.getByTestId(testIds.issuer.changePasswordForm);
  const ownPassword = `registry desk phrase ${suffix}`;
  await forced.getByLabel("Temporary password").fill(temporary);
  await forced.getByLabel("New password", { exact: true }).fill(ownPassword);
  await forced.getByLabel("New password again").fill(ownPassword);
  await page.getByTestId(testIds.issuer.changePasswordSubmit).click();
  await expect(required).toHaveCount(0);
  await expect(nav).toBeVisible();
  await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await page.goto("/issuer/staff");
  await expect(page.getByText("Admins only")).toBeVisible();
  await page.goto("/issuer");

  // 5. Issue a licence and revoke it with a reason.
  const form = page.getByTestId(testIds.issuer.issueForm);
  await form.getByLabel("Doctor's full name").fill(holder);
  await form.getByLabel("Licence number").fill(`EL-${suffix}`);
  await form.getByLabel("Jurisdiction").fill("Eastland");
  await page.getByTestId(testIds.issuer.issueSubmit).click();
  await expect(page.getByTestId(testIds.issuer.claimLink)).toBeVisible();
  const row = page.getByTestId(testIds.issuer.credentialRow).filter({ hasText: holder });
  await row.getByTestId(testIds.issuer.revoke).click();
  await page.getByTestId(testIds.issuer.statusReason).fill("Licence surrendered");
  await page.getByTestId(testIds.issuer.confirmStatusChange).click();
  await expect(row.getByTestId(testIds.issuer.rowStatus)).toHaveText("Revoked");
  await shotBoth(page, "console-issue");

  // 6. The audit log shows it all, newest first.
  await nav.getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByTestId(testIds.issuer.auditRow);
  await expect(rows.first()).toContainText("Revoked");
  await expect(rows.first()).toContainText("Licence surrendered");
  await expect(rows.first()).toContainText("You");
  await expect(rows.nth(1)).toContainText("Issued");
  await expect(page.getByTestId(testIds.issuer.auditTable)).toContainText("API key revoked");
  await expect(page.getByTestId(testIds.issuer.auditTable)).toContainText("Staff added");

  // 7. The revocation's status anchor carries the log head to the chain; "Anchor now" makes sure.
  await page.getByTestId(testIds.issuer.auditAnchor).click();
  await expect(page.getByText("Log head anchored")).toBeVisible();
  await page.getByTestId(testIds.issuer.auditVerify).click();
  const result = page.getByTestId(testIds.issuer.auditVerifyResult);
  await expect(result).toHaveAttribute("data-verified", "true");
  await expect(result).toContainText("AUDIT_CHAIN_OK");
  await expect(result).toContainText("AUDIT_ANCHOR_MATCH");
  await shotBoth(page, "console-audit-log");

  // 8. Export, and check the file against the chain from here, with a reader of our own.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testIds.issuer.auditExport).click(),
  ]);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
    issuer: { did: string };
    entries: Array<{ action: string; hash: string; details: Record<string, unknown> }>;
  };
  const revoked = exported.entries.findLast((e) => e.action === "credential.revoked");
  expect(revoked?.details).toEqual({ reason: "Licence surrendered" });
  const ledgerConfig = (await (await request.get("/api/v1/ledger")).json()) as {
    chainId: number;
    contractAddress: Address;
  };
  const reader = createLedgerReader({ ...ledgerConfig, rpcUrl: e2eRpcUrl });
  const onChain = await reader.latest(auditLogListKey(exported.issuer.did));
  expect(onChain?.hash).toBe(exported.entries.at(-1)?.hash);
  const verification = await verifyAuditLog(exported, { ledger: reader });
  expect(verification.verified).toBe(true);
  // No personal data in the log: the holder's name appears nowhere.
  expect(JSON.stringify(exported)).not.toContain(holder);
});
