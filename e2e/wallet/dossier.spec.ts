import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { expectAccessible } from "../fixtures/accessibility";
import { demoApiKey, LICENSING, licence } from "../fixtures/demo";

/**
 * A dossier by link, on the real stack: the doctor shares a claimed licence as an encrypted,
 * expiring, view-limited link; a verifier in another browser opens it and the presentation is
 * verified there; the doctor sees the opens and revokes the link; the link is then refused with
 * a clear page. The server never sees the key (it is in the fragment) nor the label.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);

async function shot(page: Page, name: string, width?: number) {
  if (width) await page.setViewportSize({ width, height: 844 });
  await page.screenshot({ path: shots(name), fullPage: true });
  if (width) await page.setViewportSize({ width: 1280, height: 720 });
}

async function issueAndClaim(page: Page, name: string): Promise<void> {
  const issued = await page.request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(name),
  });
  expect(issued.status()).toBe(201);
  const { claimUrl } = (await issued.json()) as { claimUrl: string };
  await page.goto(claimUrl);
  await page.getByTestId(testIds.wallet.claimAccept).click();
  await expect(page.getByTestId(testIds.wallet.claimResult)).toBeVisible();
}

test("a dossier link is opened and verified by another browser, shows its opens, and is refused once revoked", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const name = `Dr Lena Okafor ${Date.now() % 10_000}`;
  const label = "St Aurelia credentialing office";
  const doctorContext = await browser.newContext();
  const doctor = await doctorContext.newPage();
  const uploads: string[] = [];
  doctor.on("request", (req) => {
    if (req.url().includes("/api/v1/shares") && req.method() === "POST") {
      uploads.push(req.postData() ?? "");
    }
  });

  // 1. A wallet with a claimed licence.
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.wallet.createWallet).click();
  await expect(doctor.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  await issueAndClaim(doctor, name);
  await doctor.goto("/wallet");
  await expect(
    doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name }),
  ).toBeVisible();

  // 2. Share it: label (kept in the wallet), 1 day, at most 4 opens.
  await doctor.getByTestId(testIds.dossier.shareOpen).click();
  const dialog = doctor.getByTestId(testIds.dossier.shareDialog);
  await expect(dialog.getByTestId(testIds.dossier.shareCredential)).toHaveCount(1);
  await expect(dialog.getByTestId(testIds.dossier.shareCredential)).toBeChecked();
  await dialog.getByLabel("1 day").check();
  await dialog.getByTestId(testIds.dossier.shareLabel).fill(label);
  await dialog.getByTestId(testIds.dossier.shareMaxViews).fill("4");
  await shot(doctor, "dossier-share-form");
  await dialog.getByTestId(testIds.dossier.shareSubmit).click();
  const linkText = dialog.getByTestId(testIds.dossier.link);
  await expect(linkText).toContainText("/s/");
  const link = (await linkText.textContent())!.trim();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/);
  const qr = dialog.getByTestId(testIds.dossier.qr);
  await expect(qr).toBeVisible();
  const version = Number(await qr.getAttribute("data-qr-version"));
  expect(version).toBeLessThanOrEqual(10);
  console.info(`dossier link: ${link.length} characters, QR version ${version} at M`);
  await expectAccessible(doctor, "the share dialog with its link");
  await shot(doctor, "dossier-share-link");
  await shot(doctor, "dossier-share-link-390", 390);

  // Only ciphertext went up: no key, no label, no name, no JWT.
  expect(uploads).toHaveLength(1);
  const key = link.split("#")[1]!;
  for (const secret of [key, label, name, "eyJ"]) expect(uploads[0]).not.toContain(secret);

  await dialog.getByRole("button", { name: "Done" }).click();
  const row = doctor.getByTestId(testIds.dossier.shareRow);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(label);
  await expect(row.getByTestId(testIds.dossier.shareState)).toHaveAttribute("data-state", "active");
  await expect(row.getByTestId(testIds.dossier.shareViews)).toHaveAttribute("data-views", "0");

  // 3. The verifier, in another browser, opens the link: the presentation verifies.
  const verifierContext = await browser.newContext();
  const verifier = await verifierContext.newPage();
  const sharesRequests: string[] = [];
  verifier.on("request", (req) => {
    if (req.url().includes("/api/v1/shares")) sharesRequests.push(req.url());
  });
  await verifier.goto(link);
  const report = verifier.getByTestId(testIds.dossier.report);
  await expect(report).toHaveAttribute("data-verdict", "valid", { timeout: 60_000 });
  await expect(verifier.getByTestId(testIds.dossier.holder)).toContainText(name);
  const credentials = verifier.getByTestId(testIds.dossier.credential);
  await expect(credentials).toHaveCount(1);
  await expect(credentials.first()).toHaveAttribute("data-verdict", "valid");
  await expect(credentials.first()).toContainText("Eastland Medical Licensing Authority");
  await expect(credentials.first()).toContainText("Supervision required");
  // The key never left the browser: only the id was requested.
  expect(sharesRequests.length).toBeGreaterThan(0);
  for (const url of sharesRequests) expect(url).not.toContain(key);
  await expectAccessible(verifier, "an opened dossier");
  await shot(verifier, "dossier-opened");
  await shot(verifier, "dossier-opened-390", 390);

  // The same link pasted on /verify gets the same report (a second open).
  await verifier.goto("/verify");
  await verifier.getByTestId(testIds.verifier.paste).fill(link);
  await verifier.getByTestId(testIds.verifier.pasteSubmit).click();
  await expect(verifier.getByTestId(testIds.dossier.report)).toHaveAttribute(
    "data-verdict",
    "valid",
    { timeout: 60_000 },
  );
  await shot(verifier, "dossier-on-verify-page");

  // A link whose key was changed does not open (a third open; the server cannot tell).
  const wrongKey = `${link.slice(0, -3)}${link.endsWith("AAA") ? "BBB" : "AAA"}`;
  await verifier.goto(wrongKey);
  await expect(verifier.getByTestId(testIds.dossier.refused)).toHaveAttribute(
    "data-reason",
    "unreadable",
  );
  // A link cut before its key is refused without fetching anything.
  await verifier.goto(link.split("#")[0]!);
  await expect(verifier.getByTestId(testIds.dossier.refused)).toHaveAttribute(
    "data-reason",
    "incomplete",
  );

  // 4. The doctor sees each open: time and a coarse client, no more.
  await doctor.reload();
  await expect(row.getByTestId(testIds.dossier.shareViews)).toHaveAttribute("data-views", "3");
  await row.getByText("When and from what").click();
  const opens = row.getByTestId(testIds.dossier.shareOpens).locator("li");
  await expect(opens).toHaveCount(3);
  await expect(opens.first()).toContainText("Chrome on Linux");
  await shot(doctor, "dossier-share-list");
  await shot(doctor, "dossier-share-list-390", 390);

  // 5. Revoke: the link is refused with a clear page, not an error.
  await row.getByTestId(testIds.dossier.shareRevoke).click();
  await doctor.getByTestId(testIds.dossier.shareRevokeConfirm).click();
  await expect(row.getByTestId(testIds.dossier.shareState)).toHaveAttribute(
    "data-state",
    "revoked",
  );
  const refused = await verifierContext.newPage();
  await refused.goto(link);
  const page = refused.getByTestId(testIds.dossier.refused);
  await expect(page).toHaveAttribute("data-reason", "SHARE_REVOKED");
  await expect(page).toContainText("This dossier has been withdrawn");
  await shot(refused, "dossier-revoked");
  await shot(refused, "dossier-revoked-390", 390);
  const api = await refused.request.get(`/api/v1/shares/${link.split("/s/")[1]!.split("#")[0]}`);
  expect(api.status()).toBe(410);
  expect(await api.json()).toMatchObject({ error: { code: "SHARE_REVOKED" } });

  await doctorContext.close();
  await verifierContext.close();
});
