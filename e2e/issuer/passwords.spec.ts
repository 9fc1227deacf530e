import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { HOSPITAL, signInToConsole } from "../fixtures/demo";

/**
 * Passwords in the console: a new staff member must replace the temporary password at first
 * sign-in (wrong temporary password and a weak one refused on their fields), later changes it
 * again under "Your password", is locked out after five wrong passwords
 * (with when to retry), and the admin's reset hands out a one-time password, signs them out
 * and lifts the lock; signed in with that one, the console allows nothing until they choose their
 * own. The audit log shows each step.
 */

const shot = (name: string) => path.join("test-results", "screenshots", `${name}.png`);

async function shotBoth(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: shot(`${name}-desktop`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot(`${name}-390`), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("change password, lockout with a retry time, and an admin's reset", async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Date.now() % 100_000;
  const email = `ward${suffix}@staurelia.example`;
  const name = `Wanda Ward ${suffix}`;

  // The admin adds a staff member and reads the temporary password.
  const admin = await (await browser.newContext()).newPage();
  await admin.setViewportSize({ width: 1280, height: 900 });
  await admin.goto("/issuer/staff");
  await signInToConsole(admin, HOSPITAL);
  const add = admin.getByTestId(testIds.issuer.addStaffForm);
  await add.getByLabel("Full name").fill(name);
  await add.getByLabel("Work e-mail").fill(email);
  await admin.getByTestId(testIds.issuer.addStaffSubmit).click();
  const temporary = (await admin.getByTestId(testIds.issuer.temporaryPassword).innerText()).trim();

  // The staff member signs in: a new account must replace the temporary password first.
  const staff = await (await browser.newContext()).newPage();
  await staff.setViewportSize({ width: 1280, height: 900 });
  await staff.goto("/issuer/account");
  await signInToConsole(staff, HOSPITAL, { email, password: temporary });
  await expect(staff.getByTestId(testIds.issuer.passwordChangeRequired)).toBeVisible();
  await expect(staff.getByTestId(testIds.issuer.consoleNav)).toHaveCount(0);
  const form = staff.getByTestId(testIds.issuer.changePasswordForm);
  await expect(form).toBeVisible();
  await form.getByLabel("Temporary password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill("short");
  await form.getByLabel("New password again").fill("short");
  await staff.getByTestId(testIds.issuer.changePasswordSubmit).click();
  await expect(form.getByText("use at least 12 characters")).toBeVisible();
  const firstOwn = `first shift on the ward ${suffix}`;
  await form.getByLabel("New password", { exact: true }).fill(firstOwn);
  await form.getByLabel("New password again").fill(firstOwn);
  await staff.getByTestId(testIds.issuer.changePasswordSubmit).click();
  await expect(form.getByText("This is not your current password")).toBeVisible();
  await shotBoth(staff, "console-password-error");
  await form.getByLabel("Temporary password").fill(temporary);
  await staff.getByTestId(testIds.issuer.changePasswordSubmit).click();
  await expect(staff.getByTestId(testIds.issuer.passwordChangeRequired)).toHaveCount(0);
  await expect(staff.getByTestId(testIds.issuer.consoleNav)).toBeVisible();

  // Later, they change it again of their own accord, under "Your password".
  const newPassword = `ward rounds at dawn ${suffix}`;
  await form.getByLabel("Current password").fill(firstOwn);
  await form.getByLabel("New password", { exact: true }).fill(newPassword);
  await form.getByLabel("New password again").fill(newPassword);
  await staff.getByTestId(testIds.issuer.changePasswordSubmit).click();
  await expect(staff.getByTestId(testIds.issuer.changePasswordResult)).toContainText(
    "Your password is changed",
  );
  await shotBoth(staff, "console-password-changed");

  // Signed out, five wrong passwords lock the account, with when to retry.
  await staff.getByTestId(testIds.issuer.signOut).click();
  for (let i = 0; i < 5; i++) {
    await signInToConsole(staff, HOSPITAL, { email, password: `wrong-${i}-${suffix}` });
    await expect(staff.getByTestId(testIds.issuer.signInError)).toBeVisible();
    if (i < 4) {
      await expect(staff.getByTestId(testIds.issuer.signInError)).toContainText(
        "e-mail address or password is not right",
      );
    }
  }
  const locked = staff.getByTestId(testIds.issuer.signInError);
  await expect(locked).toContainText("Too many failed sign-ins for this account");
  await expect(locked).toContainText(/Try again in 15 minutes \(after \d\d:\d\d UTC\)/);
  await signInToConsole(staff, HOSPITAL, { email, password: newPassword });
  await expect(locked).toContainText("Too many failed sign-ins for this account");
  await shotBoth(staff, "console-sign-in-locked");

  // The admin resets the password: shown once, the lock lifted.
  await admin.reload();
  const row = admin.getByTestId(testIds.issuer.staffRow).filter({ hasText: email });
  // They chose their own password: no longer flagged as on a temporary one.
  await expect(row).toContainText("Active");
  await expect(row.getByTestId(testIds.issuer.staffTemporaryPassword)).toHaveCount(0);
  await row.getByTestId(testIds.issuer.staffResetPassword).click();
  await expect(admin.getByRole("dialog")).toContainText(`Reset the password of ${name}?`);
  await shotBoth(admin, "console-staff-reset-dialog");
  await admin.getByTestId(testIds.issuer.resetPasswordConfirm).click();
  const reset = (await admin.getByTestId(testIds.issuer.resetTemporaryPassword).innerText()).trim();
  expect(reset).toMatch(/^[A-Za-z0-9_-]{16}$/);
  await expect(admin.getByText(`${name}'s password was reset`)).toBeVisible();
  await expect(row.getByTestId(testIds.issuer.staffTemporaryPassword)).toBeVisible();
  await shotBoth(admin, "console-staff-reset");

  await signInToConsole(staff, HOSPITAL, { email, password: newPassword });
  await expect(staff.getByTestId(testIds.issuer.signInError)).toContainText(
    "e-mail address or password is not right",
  );
  // Signed in with the temporary password, the console shows only the change form, on any page,
  // and its APIs refuse everything else.
  await staff.goto("/issuer");
  await signInToConsole(staff, HOSPITAL, { email, password: reset });
  await expect(staff.getByTestId(testIds.issuer.signedInAs)).toBeVisible();
  const required = staff.getByTestId(testIds.issuer.passwordChangeRequired);
  await expect(required).toContainText("Choose your own password first");
  await expect(staff.getByTestId(testIds.issuer.consoleNav)).toHaveCount(0);
  await expect(staff.getByTestId(testIds.issuer.issueForm)).toHaveCount(0);
  const refused = await staff.evaluate(async (slug) => {
    const res = await fetch(`/api/v1/issuers/${slug}/credentials`);
    return { status: res.status, body: (await res.json()) as { error: { code: string } } };
  }, HOSPITAL);
  expect(refused).toMatchObject({
    status: 403,
    body: { error: { code: "PASSWORD_CHANGE_REQUIRED" } },
  });
  await staff.goto("/issuer/staff");
  await expect(required).toBeVisible();
  await shotBoth(staff, "console-password-change-required");
  const forced = staff.getByTestId(testIds.issuer.changePasswordForm);
  const ownPassword = `night shift handover ${suffix}`;
  await forced.getByLabel("Temporary password").fill(reset);
  await forced.getByLabel("New password", { exact: true }).fill(ownPassword);
  await forced.getByLabel("New password again").fill(ownPassword);
  await staff.getByTestId(testIds.issuer.changePasswordSubmit).click();
  await expect(required).toHaveCount(0);
  await expect(staff.getByTestId(testIds.issuer.consoleNav)).toBeVisible();
  await staff.goto("/issuer");
  await expect(staff.getByTestId(testIds.issuer.issueForm)).toBeVisible();

  // The audit log names each step.
  await admin
    .getByTestId(testIds.issuer.consoleNav)
    .getByRole("link", { name: "Audit log" })
    .click();
  const audit = admin.getByTestId(testIds.issuer.auditTable);
  await expect(audit).toContainText("Password changed");
  await expect(audit).toContainText("Sign-in locked");
  await expect(audit).toContainText("Password reset");
  await expect(audit).not.toContainText(newPassword);
  await expect(audit).not.toContainText(reset);
});
