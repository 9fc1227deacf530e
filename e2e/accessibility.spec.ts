import { expect, test } from "@playwright/test";
import { testIds } from "@/lib/test-ids";
import { expectAccessible } from "./fixtures/accessibility";
import {
  governanceApiKey,
  issueLicence,
  LICENSING,
  signInToConsole,
  verifyPasted,
} from "./fixtures/demo";

/**
 * axe-core's WCAG 2.1 A/AA rules (fixtures/accessibility.ts) over Vitae's pages, in the real
 * browser on the real stack: every page at desktop and phone width, the verifier's reports, the
 * claim page and the consoles. The states deeper in a flow (a wallet holding credentials, a
 * request waiting and met, a dossier opened, a roster's results) are checked by their own specs
 * at the point they are reached, rather than walking those flows a second time here.
 */

const staticPages = [
  { path: "/", ready: "main" },
  { path: "/verify", ready: `[data-testid="${testIds.verifier.paste}"]` },
  { path: "/verify/roster", ready: `[data-testid="${testIds.roster.file}"]:enabled` },
  { path: "/verify/request", ready: "form" },
  { path: "/wallet", ready: "main" },
  { path: "/issuer", ready: "form" },
  { path: "/registry", ready: "main" },
  { path: "/ledger", ready: "main" },
];

for (const width of [1280, 390]) {
  test(`pages pass axe's WCAG 2.1 A/AA rules at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const { path, ready } of staticPages) {
      await page.goto(path);
      await expect(page.locator(ready).first()).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, `${path} at ${width} px`);
    }
  });
}

test("verification reports, the claim page, the issuer console and the governance console pass axe", async ({
  page,
}) => {
  const { jwt, claimUrl } = await issueLicence(page.request, "Dr Axe Valid");

  await verifyPasted(page, jwt);
  await expect(page.getByTestId(testIds.verifier.verdict)).toHaveAttribute("data-verdict", "valid");
  await expectAccessible(page, "a valid report");

  // Tampered: the name changed after signing.
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as {
    vc: { credentialSubject: { name: string } };
  };
  payload.vc.credentialSubject.name = "Dr Mallory Forged";
  const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
  await verifyPasted(page, tampered);
  await expect(page.getByTestId(testIds.verifier.verdict)).toHaveAttribute(
    "data-verdict",
    "invalid",
  );
  await expectAccessible(page, "a report of a tampered credential");

  await page.goto(claimUrl);
  await page.waitForLoadState("networkidle");
  await expectAccessible(page, "the claim page");

  await page.goto("/issuer");
  await signInToConsole(page, LICENSING);
  await expect(page.getByTestId(testIds.issuer.signedInAs)).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page, "the issuer console");
  for (const tab of ["/issuer/audit-log", "/issuer/staff", "/issuer/api-keys", "/issuer/account"]) {
    await page.goto(tab);
    await expect(page.getByTestId(testIds.issuer.signedInAs)).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, `the console's ${tab}`);
  }

  await page.goto("/governance");
  await expectAccessible(page, "the governance sign-in");
  await page.getByTestId(testIds.governance.apiKeyInput).fill(governanceApiKey());
  await page.getByTestId(testIds.governance.signIn).click();
  await expect(page.getByTestId(testIds.registry.entry).first()).toBeVisible();
  await expectAccessible(page, "the governance console");
});
