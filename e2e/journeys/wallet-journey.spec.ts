import { expect, test, type Browser, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, downloadBackup, LICENSING, licence } from "../fixtures/demo";

/**
 * The wallet's whole "done when" (issue #5), on the real stack, nothing mocked: create a wallet →
 * claim a licence → its card → its offline QR read by the verifier page → a dossier link opened
 * by the verifier → the share revoked → the link refused → a backup → restore in a new browser
 * context → re-bind through the recovery key (first offline: nothing lost) → the credential still
 * presents: a dossier from the restored wallet verifies, holder = subject.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);
const BACKUP_PASSPHRASE = "handover at the nurses station";
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: shots(name), fullPage: true });
}

/** Shares the wallet's one credential as a dossier link and returns the link. */
async function shareDossier(doctor: Page, label: string): Promise<string> {
  await doctor.getByTestId(testIds.dossier.shareOpen).click();
  const dialog = doctor.getByTestId(testIds.dossier.shareDialog);
  const choice = dialog.getByTestId(testIds.dossier.shareCredential);
  await expect(choice).toHaveCount(1);
  await expect(choice).toBeEnabled();
  await expect(choice).toBeChecked();
  await dialog.getByLabel("1 day").check();
  await dialog.getByTestId(testIds.dossier.shareLabel).fill(label);
  await dialog.getByTestId(testIds.dossier.shareMaxViews).fill("3");
  await dialog.getByTestId(testIds.dossier.shareSubmit).click();
  const linkText = dialog.getByTestId(testIds.dossier.link);
  await expect(linkText).toContainText("/s/");
  const link = (await linkText.textContent())!.trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  return link;
}

/** Opens a dossier link in a verifier's browser: valid, presented by `holderDid`, about `name`. */
async function openDossier(browser: Browser, link: string, name: string, holderDid: string) {
  const verifier = await (await browser.newContext()).newPage();
  await verifier.goto(link);
  const report = verifier.getByTestId(testIds.dossier.report);
  await expect(report).toHaveAttribute("data-verdict", "valid", { timeout: 60_000 });
  const holder = verifier.getByTestId(testIds.dossier.holder);
  await expect(holder).toContainText(name);
  await expect(holder).toContainText(holderDid);
  await expect(report).toContainText(
    "The holder who signed the presentation is the subject of every credential.",
  );
  await expect(verifier.getByTestId(testIds.dossier.credential).first()).toHaveAttribute(
    "data-verdict",
    "valid",
  );
  return verifier;
}

test("create → claim → card → offline QR → dossier → revoke → backup → restore elsewhere → re-bind → still presents", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const name = `Dr Sana Velasco ${Date.now() % 10_000}`;

  // 1. Create the wallet and claim a licence from the authority's one-time link.
  const doctorContext = await browser.newContext({ acceptDownloads: true });
  const doctor = await doctorContext.newPage();
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.wallet.createWallet).click();
  const didText = doctor.getByTestId(testIds.wallet.did);
  await expect(didText).toContainText("did:jwk:");
  const firstDid = (await didText.textContent())!.match(/did:jwk:[A-Za-z0-9_-]+/)![0];
  const issued = await doctor.request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(name),
  });
  expect(issued.status()).toBe(201);
  const { claimUrl } = (await issued.json()) as { claimUrl: string };
  await doctor.goto(claimUrl);
  await doctor.getByTestId(testIds.wallet.claimAccept).click();
  await expect(doctor.getByTestId(testIds.wallet.claimResult)).toBeVisible();

  // 2. The card: valid, with its conditions on practice.
  await doctor.goto("/wallet");
  const card = doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid", {
    timeout: 30_000,
  });
  await expect(card.getByTestId(testIds.wallet.conditions)).toBeVisible();
  await expect(doctor.getByTestId(testIds.wallet.rebindPanel)).toHaveCount(0);

  // 3. Its offline QR, as an image, read by the verifier page in another browser.
  await card.getByTestId(testIds.wallet.showQr).click();
  const qr = doctor.getByTestId(testIds.wallet.qrImage);
  await expect(qr).toBeVisible();
  const qrFile = shots("journey-wallet-qr-only");
  await qr.screenshot({ path: qrFile });
  await doctor.keyboard.press("Escape");
  const scanner = await (await browser.newContext()).newPage();
  await scanner.goto("/verify");
  await scanner.getByTestId(testIds.verifier.qrUpload).setInputFiles(qrFile);
  await expect(scanner.getByTestId(testIds.verifier.verdict)).toContainText("Valid");
  await expect(scanner.getByText(name).first()).toBeVisible();
  await scanner.context().close();

  // 4. A dossier link, opened and verified by the verifier; then revoked, and refused.
  const link = await shareDossier(doctor, "St Aurelia credentialing office");
  const verifier = await openDossier(browser, link, name, firstDid);
  const row = doctor.getByTestId(testIds.dossier.shareRow);
  await row.getByTestId(testIds.dossier.shareRevoke).click();
  await doctor.getByTestId(testIds.dossier.shareRevokeConfirm).click();
  await expect(row.getByTestId(testIds.dossier.shareState)).toHaveAttribute(
    "data-state",
    "revoked",
  );
  // A new page: the same URL in the same page would only be a same-document navigation.
  const again = await verifier.context().newPage();
  await again.goto(link);
  const refused = again.getByTestId(testIds.dossier.refused);
  await expect(refused).toHaveAttribute("data-reason", "SHARE_REVOKED");
  await expect(refused).toContainText("This dossier has been withdrawn");
  await verifier.context().close();

  // 5. A backup file.
  const backupFile = test.info().outputPath("journey-backup.json");
  await downloadBackup(doctor, BACKUP_PASSPHRASE, backupFile);
  await expect(doctor.getByTestId(testIds.wallet.backupResult)).toBeVisible();
  await doctorContext.close();

  // 6. Restore on a new phone (a new browser context): the card is back, bound to the old key.
  const phoneContext = await browser.newContext({ viewport: PHONE });
  const phone = await phoneContext.newPage();
  await phone.goto("/wallet");
  const restore = phone.getByTestId(testIds.wallet.restoreForm);
  await restore.getByLabel("Backup file").setInputFiles(backupFile);
  await restore.getByLabel("Passphrase of the backup").fill(BACKUP_PASSPHRASE);
  await restore.getByRole("button", { name: "Restore backup" }).click();
  await expect(phone.getByTestId(testIds.wallet.restoreResult)).toContainText(
    "1 credential was added",
  );
  const newDidText = phone.getByTestId(testIds.wallet.did);
  await expect(newDidText).toContainText("did:jwk:");
  const newDid = (await newDidText.textContent())!.match(/did:jwk:[A-Za-z0-9_-]+/)![0];
  expect(newDid).not.toBe(firstDid);
  const restored = phone.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(restored).toBeVisible();
  await expect(phone.getByTestId(testIds.wallet.previousKeyNote)).toBeVisible();
  const panel = phone.getByTestId(testIds.wallet.rebindPanel);
  await expect(panel).toContainText("1 credential is still bound");
  await expect(phone.getByTestId(testIds.wallet.restoreResult)).toContainText(
    "Re-bind to this wallet",
  );
  await shot(phone, "journey-restored-before-rebind-390");

  // 7. Re-bind while offline: a clear error, and nothing lost.
  await phoneContext.setOffline(true);
  await panel.getByTestId(testIds.wallet.rebindButton).click();
  await expect(panel.getByTestId(testIds.wallet.rebindError)).toContainText("nothing was changed");
  await expect(restored).toBeVisible();
  await expect(phone.getByTestId(testIds.wallet.previousKeyNote)).toBeVisible();
  await shot(phone, "journey-rebind-offline-390");
  await phoneContext.setOffline(false);

  // 8. Re-bind online: the issuer re-issues the same credential to this wallet's key.
  await panel.getByTestId(testIds.wallet.rebindButton).click();
  const result = panel.getByTestId(testIds.wallet.rebindResult);
  await expect(result).toHaveCount(1);
  await expect(result).toHaveAttribute("data-outcome", "ok");
  await expect(panel).toContainText("1 of 1 re-bound to this wallet.");
  await expect(phone.getByTestId(testIds.wallet.previousKeyNote)).toHaveCount(0);
  // The restore's message, still up, now says the re-binding is done instead of asking for it.
  const restoreResult = phone.getByTestId(testIds.wallet.restoreResult);
  await expect(restoreResult).toContainText("since been re-bound to this wallet's key");
  await expect(restoreResult).not.toContainText("Re-bind to this wallet");
  await expect(restored.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid", {
    timeout: 30_000,
  });
  await shot(phone, "journey-restored-rebound-390");

  // After a reload the re-bound credential is what is stored.
  await phone.reload();
  await expect(restored).toBeVisible();
  await expect(phone.getByTestId(testIds.wallet.previousKeyNote)).toHaveCount(0);
  await expect(phone.getByTestId(testIds.wallet.rebindPanel)).toHaveCount(0);

  // 9. It still presents: a dossier from the restored wallet verifies, holder = subject.
  const secondLink = await shareDossier(phone, "Locum agency");
  const second = await openDossier(browser, secondLink, name, newDid);
  await shot(second, "journey-restored-dossier-opened");
  await second.context().close();
  await phoneContext.close();
});
