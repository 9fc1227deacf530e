import { expect, test, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, downloadBackup, LICENSING, licence } from "../fixtures/demo";

/**
 * The wallet at rest and across browsers, on the real stack: credentials are sealed in
 * IndexedDB, a passphrase locks them, a backup file carries them to a fresh browser profile
 * (where a wrong passphrase or a foreign file changes nothing), and a restored card still shows a
 * QR code that the verifier reads and verifies. The backup also carries the dossier links shared
 * before it: the restored wallet, with a new holder key, lists them and can still revoke them.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);
const BACKUP_PASSPHRASE = "ward round at seven";
const WALLET_PASSPHRASE = "night shift on call";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: shots(name), fullPage: true });
}

/** The raw records of the `credentials` store, as IndexedDB holds them. */
function storedRecords(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open("vitae-wallet");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("credentials").objectStore("credentials").getAll();
          all.onsuccess = () => {
            resolve(all.result as Record<string, unknown>[]);
            open.result.close();
          };
        };
      }),
  );
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

test("credentials are sealed at rest, lock under a passphrase, and come back from a backup in a fresh browser", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const name = `Dr Idris Mensah ${Date.now() % 10_000}`;
  const doctorContext = await browser.newContext({ acceptDownloads: true });
  const doctor = await doctorContext.newPage();

  // 1. Create the wallet and claim a licence; the record in IndexedDB is ciphertext.
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.wallet.createWallet).click();
  await expect(doctor.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  await expect(doctor.getByTestId(testIds.wallet.lastBackup).first()).toContainText("never");
  await issueAndClaim(doctor, name);
  await doctor.goto("/wallet");
  const card = doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(card).toBeVisible();
  const records = await storedRecords(doctor);
  expect(records).toHaveLength(1);
  expect(Object.keys(records[0]!).sort()).toEqual(["addedAt", "ciphertext", "id", "iv"]);
  expect(JSON.stringify(records)).not.toContain("Mensah");
  expect(JSON.stringify(records)).not.toContain("eyJ");
  await shot(doctor, "wallet-backup-never");

  // 2. Export a backup file.
  const backupFile = test.info().outputPath("backup.json");
  const download = await downloadBackup(doctor, BACKUP_PASSPHRASE, backupFile);
  expect(download.suggestedFilename()).toMatch(/^vitae-wallet-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(doctor.getByTestId(testIds.wallet.backupResult)).toBeVisible();
  await expect(doctor.getByTestId(testIds.wallet.lastBackup).first()).not.toContainText("never");

  // 3. Set a passphrase: after a reload the wallet is locked; a wrong passphrase is refused.
  await doctor.getByRole("button", { name: "Set a passphrase" }).click();
  const passphraseForm = doctor.getByTestId(testIds.wallet.passphraseForm);
  await passphraseForm.getByLabel("Passphrase", { exact: true }).fill(WALLET_PASSPHRASE);
  await passphraseForm.getByLabel("Repeat the passphrase").fill(WALLET_PASSPHRASE);
  await passphraseForm.getByRole("button", { name: "Save passphrase" }).click();
  await expect(doctor.getByTestId(testIds.wallet.passphraseResult)).toContainText("set");
  await expect(card).toBeVisible();
  await shot(doctor, "wallet-passphrase-on");
  await doctor.reload();
  const unlock = doctor.getByTestId(testIds.wallet.unlockForm);
  await expect(unlock).toBeVisible();
  await expect(card).toHaveCount(0);
  await unlock.getByLabel("Wallet passphrase").fill("not my passphrase");
  await unlock.getByLabel("Wallet passphrase").press("Enter");
  await expect(unlock).toContainText("not the one that protects this wallet");
  await doctor.setViewportSize({ width: 390, height: 844 });
  await shot(doctor, "wallet-locked-wrong-390");
  await unlock.getByLabel("Wallet passphrase").fill(WALLET_PASSPHRASE);
  await unlock.getByLabel("Wallet passphrase").press("Enter");
  await expect(card).toBeVisible();
  await shot(doctor, "wallet-open-390");
  await doctor.getByTestId(testIds.wallet.lock).click();
  await expect(unlock).toBeVisible();
  await unlock.getByLabel("Wallet passphrase").fill(WALLET_PASSPHRASE);
  await unlock.getByRole("button", { name: "Unlock" }).click();
  await expect(card).toBeVisible();

  // Removing the passphrase asks for it again; a wrong one changes nothing.
  await doctor.getByRole("button", { name: "Remove passphrase" }).click();
  await passphraseForm.getByLabel("Current passphrase").fill("night shift on cal");
  await passphraseForm.getByRole("button", { name: "Remove passphrase" }).click();
  await expect(passphraseForm).toContainText("not the one that protects this wallet");
  await passphraseForm.getByLabel("Current passphrase").fill(WALLET_PASSPHRASE);
  await passphraseForm.getByRole("button", { name: "Remove passphrase" }).click();
  await expect(doctor.getByTestId(testIds.wallet.passphraseResult)).toContainText("removed");
  await doctor.reload();
  await expect(card).toBeVisible();
  await expect(unlock).toHaveCount(0);
  await doctorContext.close();

  // 4. A fresh browser profile: nothing here; a wrong passphrase and a foreign file change nothing.
  const freshContext = await browser.newContext();
  const fresh = await freshContext.newPage();
  await fresh.setViewportSize({ width: 390, height: 844 });
  await fresh.goto("/wallet");
  const restore = fresh.getByTestId(testIds.wallet.restoreForm);
  await expect(restore).toBeVisible();
  await restore.getByLabel("Backup file").setInputFiles(backupFile);
  await restore.getByLabel("Passphrase of the backup").fill("wrong passphrase here");
  await restore.getByRole("button", { name: "Restore backup" }).click();
  await expect(fresh.getByTestId(testIds.wallet.restoreError)).toContainText(
    "passphrase does not open this backup",
  );
  expect(await storedRecords(fresh)).toHaveLength(0);
  await shot(fresh, "wallet-restore-wrong-390");

  const foreign = test.info().outputPath("foreign.json");
  writeFileSync(foreign, JSON.stringify({ resourceType: "Practitioner" }));
  await restore.getByLabel("Backup file").setInputFiles(foreign);
  await restore.getByLabel("Passphrase of the backup").fill(BACKUP_PASSPHRASE);
  await restore.getByRole("button", { name: "Restore backup" }).click();
  await expect(fresh.getByTestId(testIds.wallet.restoreError)).toContainText(
    "not a Vitae wallet backup",
  );
  expect(await storedRecords(fresh)).toHaveLength(0);

  // 5. The right file and passphrase: the card is back, and says what it still can do.
  await restore.getByLabel("Backup file").setInputFiles(backupFile);
  await restore.getByLabel("Passphrase of the backup").fill(BACKUP_PASSPHRASE);
  await restore.getByRole("button", { name: "Restore backup" }).click();
  await expect(fresh.getByTestId(testIds.wallet.restoreResult)).toContainText(
    "1 credential was added",
  );
  await expect(fresh.getByTestId(testIds.wallet.restoreResult)).toContainText("re-issue");
  const restored = fresh.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(restored).toBeVisible();
  await expect(restored.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid");
  await expect(fresh.getByTestId(testIds.wallet.previousKeyNote)).toBeVisible();
  expect(Object.keys((await storedRecords(fresh))[0]!)).toContain("ciphertext");
  await shot(fresh, "wallet-restored-390");

  // 6. The restored card's offline QR (compact VITAE1 form) is read and verified by the verifier.
  await restored.getByTestId(testIds.wallet.showQr).click();
  const qr = fresh.getByTestId(testIds.wallet.qrImage);
  await expect(qr).toBeVisible();
  await expect(fresh.getByTestId(testIds.wallet.qrDialog)).toContainText("error correction M");
  const qrFile = shots("wallet-restored-qr-only");
  await qr.screenshot({ path: qrFile });
  await shot(fresh, "wallet-restored-qr-390");
  const hospital = await (await browser.newContext()).newPage();
  await hospital.goto("/verify");
  await hospital.getByTestId(testIds.verifier.qrUpload).setInputFiles(qrFile);
  await expect(hospital.getByTestId(testIds.verifier.verdict)).toContainText("Valid");
  await expect(hospital.getByText(name).first()).toBeVisible();
  await freshContext.close();
});

test("a wallet from before encryption at rest is sealed on first open", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  // Any page of the origin, so the old database can be written before the wallet opens it.
  await page.goto("/verify");
  const jwt = "eyJhbGciOiJFZERTQSJ9.eyJqdGkiOiJ1cm46dXVpZDpvbGQiLCJpc3MiOiJkaWQ6d2ViOngifQ.c2ln";
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("vitae-wallet", 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore("identity", { keyPath: "id" });
          const store = open.result.createObjectStore("credentials", { keyPath: "id" });
          store.createIndex("by-addedAt", "addedAt");
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("credentials", "readwrite");
          tx.objectStore("credentials").put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    {
      id: "urn:uuid:old",
      jwt,
      type: "MedicalLicenseCredential",
      issuerDid: "did:web:x",
      issuerName: "An issuer from before",
      subjectName: "Dr Clear Text",
      addedAt: "2026-01-01T00:00:00.000Z",
    },
  );
  expect(JSON.stringify(await storedRecords(page))).toContain(jwt);
  await page.goto("/wallet");
  await expect(page.getByTestId(testIds.wallet.credentialCard)).toHaveCount(1);
  const [record] = await storedRecords(page);
  expect(Object.keys(record!).sort()).toEqual(["addedAt", "ciphertext", "id", "iv"]);
  expect(JSON.stringify(record)).not.toContain(jwt);
});

test("a restored wallet lists the dossier links shared before the backup and can revoke them", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const name = `Dr Amara Osei ${Date.now() % 10_000}`;
  const label = "Northbridge locum agency";
  const doctorContext = await browser.newContext({ acceptDownloads: true });
  const doctor = await doctorContext.newPage();

  // 1. A wallet with a licence, shared as a dossier link, then backed up.
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.wallet.createWallet).click();
  await expect(doctor.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  const firstDid = await doctor.getByTestId(testIds.wallet.did).first().getAttribute("title");
  await issueAndClaim(doctor, name);
  await doctor.goto("/wallet");
  await doctor.getByTestId(testIds.dossier.shareOpen).click();
  const dialog = doctor.getByTestId(testIds.dossier.shareDialog);
  await dialog.getByLabel("1 day").check();
  await dialog.getByTestId(testIds.dossier.shareLabel).fill(label);
  await dialog.getByTestId(testIds.dossier.shareMaxViews).fill("3");
  await dialog.getByTestId(testIds.dossier.shareSubmit).click();
  await expect(dialog.getByTestId(testIds.dossier.link)).toContainText("/s/");
  const link = (await dialog.getByTestId(testIds.dossier.link).textContent())!.trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(doctor.getByTestId(testIds.dossier.shareRow)).toHaveCount(1);

  const backupFile = test.info().outputPath("backup-with-share.json");
  await downloadBackup(doctor, BACKUP_PASSPHRASE, backupFile);
  // The share's key, id and label are inside the encryption, not beside it.
  const fileText = readFileSync(backupFile, "utf8");
  const [shareId, shareKey] = link.split("/s/")[1]!.split("#") as [string, string];
  for (const secret of [shareId, shareKey, label, name]) expect(fileText).not.toContain(secret);
  await doctorContext.close();

  // 2. A fresh browser profile (a new holder key) restores the file: the share is listed again.
  const freshContext = await browser.newContext();
  const fresh = await freshContext.newPage();
  await fresh.goto("/wallet");
  const restore = fresh.getByTestId(testIds.wallet.restoreForm);
  await restore.getByLabel("Backup file").setInputFiles(backupFile);
  await restore.getByLabel("Passphrase of the backup").fill(BACKUP_PASSPHRASE);
  await restore.getByRole("button", { name: "Restore backup" }).click();
  const result = fresh.getByTestId(testIds.wallet.restoreResult);
  await expect(result).toContainText("1 credential was added");
  await expect(result).toContainText("1 dossier link you shared is listed again");
  await expect(fresh.getByTestId(testIds.wallet.did).first()).toHaveAttribute("title", /^did:jwk:/);
  await expect(fresh.getByTestId(testIds.wallet.did).first()).not.toHaveAttribute(
    "title",
    firstDid!,
  );
  const row = fresh.getByTestId(testIds.dossier.shareRow);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(label);
  await expect(row.getByTestId(testIds.dossier.shareState)).toHaveAttribute("data-state", "active");
  // The opens come from the server, asked with the share's owner secret from the backup.
  await expect(row.getByTestId(testIds.dossier.shareViews)).toHaveAttribute("data-views", "0");
  const sharesSection = fresh.locator("section[aria-labelledby=wallet-shares]");
  await shot(fresh, "wallet-restored-shares");
  await fresh.setViewportSize({ width: 390, height: 844 });
  await shot(fresh, "wallet-restored-shares-390");
  await result.screenshot({ path: shots("wallet-restored-shares-alert-390") });
  await sharesSection.screenshot({ path: shots("wallet-restored-shares-list-390") });
  await fresh.setViewportSize({ width: 1280, height: 720 });

  // The link still opens for its recipient, and the restored wallet sees that open.
  const recipientContext = await browser.newContext();
  const recipient = await recipientContext.newPage();
  await recipient.goto(link);
  await expect(recipient.getByTestId(testIds.dossier.report)).toHaveAttribute(
    "data-verdict",
    "valid",
    { timeout: 60_000 },
  );
  await fresh.reload();
  await expect(row.getByTestId(testIds.dossier.shareViews)).toHaveAttribute("data-views", "1");

  // 3. Revoked from the restored wallet: the server accepts it and the link is refused.
  await row.getByTestId(testIds.dossier.shareRevoke).click();
  await fresh.getByTestId(testIds.dossier.shareRevokeConfirm).click();
  await expect(row.getByTestId(testIds.dossier.shareState)).toHaveAttribute(
    "data-state",
    "revoked",
  );
  const refused = await recipientContext.newPage();
  await refused.goto(link);
  await expect(refused.getByTestId(testIds.dossier.refused)).toHaveAttribute(
    "data-reason",
    "SHARE_REVOKED",
  );
  const api = await refused.request.get(`/api/v1/shares/${shareId}`);
  expect(api.status()).toBe(410);
  // Still revoked after a reload: the wallet recorded it, not only the page.
  await fresh.reload();
  await expect(row.getByTestId(testIds.dossier.shareState)).toHaveAttribute(
    "data-state",
    "revoked",
  );
  await recipientContext.close();
  await freshContext.close();
});
