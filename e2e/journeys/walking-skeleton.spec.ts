import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { LICENSING, signInToConsole } from "../fixtures/demo";

/**
 * One credential end to end, three people in three browser contexts, nothing mocked:
 * the licensing authority issues a licence → the doctor claims it into a browser wallet and shows
 * it as a QR code → a hospital scans the QR and verifies in its own browser (signature, validity,
 * status list against the ledger anchor, trust) → the authority revokes → the hospital sees it.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);

async function shot(page: Page, name: string) {
  await page.screenshot({ path: shots(name), fullPage: true });
}

test("a licence travels from issuer to wallet to verifier, and its revocation follows", async ({
  browser,
}) => {
  const issuer = await (await browser.newContext()).newPage();
  const doctor = await (await browser.newContext()).newPage();
  const hospital = await (await browser.newContext()).newPage();
  const name = `Dr Lena Okafor ${Date.now() % 10_000}`;

  // 1. The licensing authority signs in to its console and issues the licence.
  await issuer.goto("/issuer");
  await signInToConsole(issuer, LICENSING);
  const form = issuer.getByTestId(testIds.issuer.issueForm);
  await expect(form).toBeVisible();
  await form.getByLabel("Doctor's full name").fill(name);
  await form.getByLabel("Licence number").fill("EL-204518");
  await form.getByLabel("Jurisdiction").fill("Eastland");
  await form.getByLabel("Scope of practice (optional)").fill("General medical practice");
  await form.getByTestId(testIds.issuer.addCondition).click();
  await form.getByLabel("Condition 1", { exact: true }).fill("No independent surgery");
  await shot(issuer, "issuer-form");
  await issuer.getByTestId(testIds.issuer.issueSubmit).click();
  const claimUrl = (await issuer.getByTestId(testIds.issuer.claimLink).innerText()).trim();
  expect(claimUrl).toMatch(/\/wallet\/claim#[A-Za-z0-9_-]{20,}$/);
  await expect(
    issuer.getByTestId(testIds.issuer.credentialRow).filter({ hasText: name }),
  ).toBeVisible();
  await shot(issuer, "issuer-issued");

  // 2. The doctor opens the claim link: the wallet makes its key in the browser and claims.
  await doctor.goto(claimUrl);
  await expect(doctor.getByTestId(testIds.wallet.claimOffer)).toContainText(
    "Eastland Medical Licensing Authority",
  );
  await shot(doctor, "wallet-claim-offer");
  await doctor.getByTestId(testIds.wallet.claimAccept).click();
  await expect(doctor.getByTestId(testIds.wallet.claimResult)).toBeVisible();
  await doctor.goto("/wallet");
  const card = doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card.getByTestId(testIds.wallet.conditions)).toContainText("No independent surgery");
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid");
  await expect(doctor.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  await shot(doctor, "wallet-card");

  // The key really is non-extractable and stays in this browser.
  const extractable = await doctor.evaluate(
    () =>
      new Promise<boolean | null>((resolve) => {
        const open = indexedDB.open("vitae-wallet");
        open.onsuccess = () => {
          const get = open.result.transaction("identity").objectStore("identity").get("holder");
          get.onsuccess = () => resolve(get.result?.keyPair?.privateKey?.extractable ?? null);
        };
      }),
  );
  expect(extractable).toBe(false);

  // 3. The doctor shows the QR code.
  await card.getByTestId(testIds.wallet.showQr).click();
  const qr = doctor.getByTestId(testIds.wallet.qrImage);
  await expect(qr).toBeVisible();
  const qrFile = shots("wallet-qr-only");
  await qr.screenshot({ path: qrFile });
  await shot(doctor, "wallet-qr");

  // 4. The hospital scans it (uploads the picture) and verifies in its own browser.
  await hospital.goto("/verify");
  await hospital.getByTestId(testIds.verifier.qrUpload).setInputFiles(qrFile);
  const verdict = hospital.getByTestId(testIds.verifier.verdict);
  await expect(verdict).toContainText("Valid");
  const checks = hospital.getByTestId(testIds.verifier.check);
  for (const id of ["signature", "validity", "status", "anchor", "trust"]) {
    await expect(checks.and(hospital.locator(`[data-check-id="${id}"]`))).toHaveAttribute(
      "data-ok",
      "true",
    );
  }
  await expect(hospital.getByText("No independent surgery")).toBeVisible();
  await shot(hospital, "verifier-valid");

  // 5. The authority revokes; a new list version is anchored; the hospital checks again.
  const row = issuer.getByTestId(testIds.issuer.credentialRow).filter({ hasText: name });
  await row.getByTestId(testIds.issuer.revoke).click();
  await issuer.getByTestId(testIds.issuer.statusReason).fill("Licence surrendered");
  await issuer.getByTestId(testIds.issuer.confirmStatusChange).click();
  await expect(row.getByTestId(testIds.issuer.rowStatus)).toHaveText("Revoked");
  await expect(issuer.getByTestId(testIds.issuer.actionResult)).toContainText(/v\d+|version/i);
  await shot(issuer, "issuer-revoked");

  await hospital.getByTestId(testIds.verifier.recheck).click();
  await expect(verdict).toContainText("Revoked");
  await expect(checks.and(hospital.locator('[data-check-id="status"]'))).toHaveAttribute(
    "data-ok",
    "false",
  );
  await expect(checks.and(hospital.locator('[data-check-id="anchor"]'))).toHaveAttribute(
    "data-ok",
    "true",
  );
  await shot(hospital, "verifier-revoked");

  // The wallet's own badge follows the ledger too.
  await doctor.goto("/wallet");
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Revoked");
});
