import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, governanceApiKey, licence, LICENSING, signInToConsole } from "./fixtures/demo";

/**
 * An automated accessibility check of Vitae's main pages and states with axe-core (WCAG 2.1 A and
 * AA rules), in the real browser on the real stack: every rule violation fails the test, named
 * with its rule, its impact and the elements it found. Automated rules catch only part of what
 * makes a page usable (keyboard paths and wording are tested by the feature specs), but what they
 * catch is never right: missing names, low contrast, broken ARIA, duplicate ids.
 */

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
};

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return found.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(" "))
        .join(", ")}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ""}`,
  );
}

async function expectAccessible(page: Page, what: string) {
  expect(await violations(page), `axe violations on ${what}`).toEqual([]);
}

async function issueLicence(page: Page, name: string) {
  const issued = await page.request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(name),
  });
  expect(issued.ok()).toBe(true);
  return (await issued.json()) as { jwt: string; claimUrl: string };
}

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
  const { jwt, claimUrl } = await issueLicence(page, "Dr Axe Valid");

  await page.goto("/verify");
  await page.getByTestId(testIds.verifier.paste).fill(jwt);
  await page.getByTestId(testIds.verifier.pasteSubmit).click();
  await expect(page.getByTestId(testIds.verifier.verdict)).toHaveAttribute("data-verdict", "valid");
  await expectAccessible(page, "a valid report");

  // Tampered: the name changed after signing.
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as {
    vc: { credentialSubject: { name: string } };
  };
  payload.vc.credentialSubject.name = "Dr Mallory Forged";
  const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
  await page.goto("/verify");
  await page.getByTestId(testIds.verifier.paste).fill(tampered);
  await page.getByTestId(testIds.verifier.pasteSubmit).click();
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

test("a wallet with a credential, its dossier link, a request it answers and a roster's results pass axe", async ({
  browser,
}) => {
  const doctorContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const doctor = await doctorContext.newPage();
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.wallet.createWallet).click();
  await expect(doctor.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  const { jwt, claimUrl } = await issueLicence(doctor, "Dr Axe Wallet");
  await doctor.goto(claimUrl);
  await doctor.getByTestId(testIds.wallet.claimAccept).click();
  await expect(doctor.getByTestId(testIds.wallet.claimResult)).toBeVisible();
  await expectAccessible(doctor, "the claimed credential");
  await doctor.goto("/wallet");
  const card = doctor.getByTestId(testIds.wallet.credentialCard).first();
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid", {
    timeout: 30_000,
  });
  await expectAccessible(doctor, "the wallet with a credential");
  await card.getByTestId(testIds.wallet.detailLink).click();
  await expect(doctor).toHaveURL(/\/wallet\/credential\//);
  await doctor.waitForLoadState("networkidle");
  await expectAccessible(doctor, "a credential's detail in the wallet");

  // A dossier link, made in the wallet and opened by the hospital.
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.dossier.shareOpen).click();
  const dialog = doctor.getByTestId(testIds.dossier.shareDialog);
  await expect(dialog.getByTestId(testIds.dossier.shareCredential)).toBeChecked();
  await expectAccessible(doctor, "the share dialog");
  await dialog.getByTestId(testIds.dossier.shareSubmit).click();
  await expect(dialog.getByTestId(testIds.dossier.link)).toContainText("/s/");
  await expectAccessible(doctor, "the share dialog with its link");
  const dossierLink = (await dialog.getByTestId(testIds.dossier.link).textContent())!.trim();
  await dialog.getByRole("button", { name: "Done" }).click();

  const hospital = await browser.newPage();
  await hospital.goto(dossierLink);
  await expect(hospital.getByTestId(testIds.verifier.verdict).first()).toHaveAttribute(
    "data-verdict",
    "valid",
    { timeout: 30_000 },
  );
  await expectAccessible(hospital, "an opened dossier");

  await hospital.goto("/verify/request");
  await hospital.getByTestId(testIds.requests.builder).getByLabel("Jurisdiction").fill("Eastland");
  await hospital.getByTestId(testIds.requests.verifierName).fill("St Aurelia General Hospital");
  await hospital.getByTestId(testIds.requests.purpose).fill("Locum cover");
  await hospital.getByTestId(testIds.requests.create).click();
  await expect(hospital.getByTestId(testIds.requests.qr)).toBeVisible();
  await expectAccessible(hospital, "a request waiting for its answer");
  const link = (await hospital.getByTestId(testIds.requests.link).innerText()).trim();
  await doctor.goto(link);
  await expect(doctor.getByTestId(testIds.requests.presentView)).toBeVisible();
  await expect(doctor.getByTestId(testIds.requests.presentStatus).first()).toHaveText("Valid", {
    timeout: 20_000,
  });
  await expectAccessible(doctor, "the wallet's view of a request");
  await doctor.getByTestId(testIds.requests.presentShare).click();
  await expect(doctor.getByTestId(testIds.requests.presentResult)).toBeVisible();
  await expectAccessible(doctor, "the wallet after sharing");
  await expect(hospital.getByTestId(testIds.requests.outcome)).toBeVisible({ timeout: 30_000 });
  await expectAccessible(hospital, "a request answered");

  await hospital.goto("/verify/roster");
  await expect(hospital.getByTestId(testIds.roster.file)).toBeEnabled();
  await hospital.getByTestId(testIds.roster.file).setInputFiles({
    name: "roster.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`reference,credential\nA-1,${jwt}\nA-2,not a credential\n`),
  });
  await expect(hospital.getByTestId(testIds.roster.runState)).toHaveAttribute("data-phase", "done");
  await expectAccessible(hospital, "a roster's results");
  await doctorContext.close();
});
