import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { expectAccessible } from "../fixtures/accessibility";
import { demoApiKey, LICENSING, licence } from "../fixtures/demo";

/**
 * The wallet's detail view, correction chain, FHIR export and offline use, on the real stack:
 * a licence is claimed, corrected by its issuer through the API (the old one revoked as
 * superseded, anchored on the ledger), the correction claimed into the same wallet; the wallet
 * and the verifier both show the chain; the wallet exports a FHIR Practitioner; then the browser
 * goes offline and the wallet still opens from its service worker with cards, QR codes and the
 * cached status with its age, and without a cached status it says "unknown", never valid.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const STATUS_CACHE_KEY = "vitae.wallet.status-cache.v1";

async function both(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: shots(`${name}-desktop`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: shots(`${name}-phone`), fullPage: true });
  // Nothing may stick out sideways on a phone.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);
}

async function claim(page: Page, claimUrl: string) {
  await page.goto(claimUrl);
  await page.getByTestId(testIds.wallet.claimAccept).click();
  await expect(page.getByTestId(testIds.wallet.claimResult)).toBeVisible();
}

test("detail view, correction chain, FHIR export and the wallet offline", async ({ browser }) => {
  test.setTimeout(240_000);
  const auth = { Authorization: `Bearer ${demoApiKey(LICENSING)}` };
  const context = await browser.newContext({ acceptDownloads: true, viewport: DESKTOP });
  const page = await context.newPage();
  const name = `Dr Noor Castell ${Date.now() % 10_000}`;

  // 1. A wallet with a licence.
  await page.goto("/wallet");
  await page.getByTestId(testIds.wallet.createWallet).click();
  await expect(page.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  const original = licence(name);
  const issued = await page.request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: auth,
    data: original,
  });
  expect(issued.status()).toBe(201);
  const first = (await issued.json()) as { id: string; claimUrl: string };
  await claim(page, first.claimUrl);

  // 2. The issuer corrects it; the wallet claims the correction too.
  const amended = await page.request.post(
    `/api/v1/issuers/${LICENSING}/credentials/${first.id}/amend`,
    {
      headers: auth,
      data: { subject: { ...original.subject, name: `${name}-Reyes`, scope: "Family medicine" } },
    },
  );
  expect(amended.status()).toBe(201);
  const second = (await amended.json()) as { id: string; claimUrl: string };
  await claim(page, second.claimUrl);

  // The public correction endpoint links them both ways, with no subject data.
  const chain = await page.request.get(`/api/v1/credentials/urn:uuid:${first.id}/correction`);
  expect(chain.status()).toBe(200);
  const chainJson = (await chain.json()) as Record<string, string>;
  expect(chainJson).toMatchObject({
    supersededBy: `urn:uuid:${second.id}`,
    reason: "superseded",
  });
  expect(JSON.stringify(chainJson)).not.toContain("Castell");
  expect(
    (
      await page.request.get(`/api/v1/credentials/0b0e8f8e-5a4b-4f3c-9d2e-1a2b3c4d5e6f/correction`)
    ).status(),
  ).toBe(404);

  // 3. The wallet shows the chain: the old card superseded, the new one a correction.
  await page.goto("/wallet");
  const cards = page.getByTestId(testIds.wallet.credentialCard);
  await expect(cards).toHaveCount(2);
  // The correction changed the scope of practice, so each version is told apart by it.
  const oldCard = cards.filter({ hasText: "General medical practice" });
  const newCard = cards.filter({ hasText: "Family medicine" });
  await expect(oldCard).toContainText("Superseded by a correction");
  await expect(newCard).toContainText("Corrects an earlier credential");
  await expect(oldCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Superseded");
  await expect(newCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid");
  await expect(oldCard.getByTestId(testIds.wallet.supersededNote)).toContainText(
    "Open the corrected credential",
  );
  await expectAccessible(page, "the wallet with a correction chain");
  await both(page, "wallet-list-chain");

  // 4. The old card links to the correction's detail view.
  await oldCard.getByRole("link", { name: "Open the corrected credential" }).click();
  await expect(page).toHaveURL(new RegExp(`/wallet/credential/urn%3Auuid%3A${second.id}$`));
  const detail = page.getByTestId(testIds.wallet.detail);
  await expect(detail.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid");
  await expect(detail).toContainText(`${name}-Reyes`);
  await expect(detail).toContainText("Family medicine");
  await expect(detail.getByTestId(testIds.wallet.conditions)).toContainText("Supervision required");
  await expect(detail.getByTestId(testIds.wallet.statusCheckedAt)).toContainText(
    "Status checked just now",
  );
  await expect(detail.getByTestId(testIds.wallet.accreditation)).toContainText(
    "Eastland Medical Licensing Authority",
  );
  await expect(detail.getByTestId(testIds.wallet.accreditation)).toContainText("Confirmed");
  const anchor = detail.getByTestId(testIds.wallet.anchor);
  await expect(anchor).toContainText("Status list version");
  await expect(anchor).toContainText("Anchored (block time)");
  await expect(anchor.getByRole("link", { name: /anchoring transactions/ })).toHaveAttribute(
    "href",
    /^\/ledger\/.+/,
  );
  const chainSection = detail.getByTestId(testIds.wallet.correctionChain);
  await expect(chainSection).toContainText(`urn:uuid:${first.id}`);
  await expect(chainSection).toContainText("Earlier version, revoked as superseded");
  await detail.getByText("Show raw credential (JWT)").click();
  await expect(detail.getByTestId(testIds.wallet.rawCredential)).toContainText("eyJ");
  await expectAccessible(page, "a credential's detail");
  await both(page, "wallet-detail-correction");

  // The old credential's own detail view names what replaced it.
  await chainSection.getByRole("link", { name: `urn:uuid:${first.id}` }).click();
  await expect(detail.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Superseded");
  await expect(chainSection).toContainText("Corrected version, issued");
  await both(page, "wallet-detail-superseded");

  // 5. The verifier: the old one is not valid and says it was superseded; the new one supersedes.
  const raw = detail.getByTestId(testIds.wallet.rawCredential);
  if (!(await raw.isVisible())) await detail.getByText("Show raw credential (JWT)").click();
  const rawOld = ((await raw.textContent()) ?? "").trim();
  expect(rawOld).toMatch(/^eyJ/);
  const verifier = await context.newPage();
  await verifier.goto("/verify");
  await verifier.getByTestId(testIds.verifier.paste).fill(rawOld);
  await verifier.getByTestId(testIds.verifier.pasteSubmit).click();
  await expect(verifier.getByTestId(testIds.verifier.verdict)).toHaveAttribute(
    "data-verdict",
    "revoked",
  );
  await expect(verifier.getByTestId(testIds.verifier.superseded)).toContainText(
    "Superseded: a corrected credential was issued on",
  );
  await expect(verifier.getByTestId(testIds.verifier.superseded)).toContainText(second.id);
  await both(verifier, "verifier-superseded");
  await verifier.close();

  // 6. FHIR export: all credentials, then a selection.
  await page.goto("/wallet");
  await expect(cards).toHaveCount(2);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testIds.wallet.exportFhir).click(),
  ]);
  expect(download.suggestedFilename()).toBe("practitioner.json");
  const practitioner = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
    resourceType: string;
    qualification: { identifier?: { value: string }[] }[];
  };
  expect(practitioner.resourceType).toBe("Practitioner");
  expect(practitioner.qualification).toHaveLength(2);
  await newCard.getByTestId(testIds.wallet.exportSelect).check();
  await page.getByText("Preview practitioner.json").click();
  const preview = JSON.parse(
    (await page.getByTestId(testIds.wallet.fhirPreview).textContent()) ?? "{}",
  ) as { qualification: unknown[] };
  expect(preview.qualification).toHaveLength(1);
  await both(page, "wallet-fhir-export");

  // 7. Offline. The service worker takes over once loaded; a second load fills its caches.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect(page.evaluate(() => Boolean(navigator.serviceWorker.controller))).resolves.toBe(
    true,
  );
  await expect(newCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid");
  await expect(oldCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Superseded");

  await context.setOffline(true);
  await page.reload();
  await expect(cards).toHaveCount(2);
  await expect(newCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid");
  await expect(newCard.getByTestId(testIds.wallet.statusCheckedAt)).toContainText(
    /Status checked (just now|\d+ min ago) — offline/,
  );
  await expect(oldCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Superseded");
  await expect(oldCard.getByTestId(testIds.wallet.supersededNote)).toContainText(
    "Open the corrected credential",
  );
  await newCard.getByTestId(testIds.wallet.showQr).click();
  await expect(page.getByTestId(testIds.wallet.qrImage)).toBeVisible();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: shots("wallet-offline-qr-phone"), fullPage: false });
  await page.setViewportSize(DESKTOP);
  await page.keyboard.press("Escape");
  await both(page, "wallet-offline");

  // Without a cached status, offline is "Status unknown", never valid.
  await page.evaluate((key) => localStorage.removeItem(key), STATUS_CACHE_KEY);
  await page.reload();
  await expect(cards).toHaveCount(2);
  for (const card of await cards.all()) {
    await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Status unknown");
  }
  await expect(cards.first().getByTestId(testIds.wallet.statusCheckedAt)).toContainText(
    "no earlier check is saved",
  );
  await both(page, "wallet-offline-unknown");

  await context.setOffline(false);
  await context.close();
});
