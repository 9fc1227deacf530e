import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, issueLicence, LICENSING } from "../fixtures/demo";

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.join("test-results", "screenshots", `${name}.png`),
    fullPage: true,
  });

/** Nothing may be wider than the phone: long Russian words must wrap, not push the page sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

/**
 * The wallet speaks English and Russian: a Russian browser gets Russian on the first paint, and
 * the doctor's own choice in the switch wins and survives a reload.
 */
test("the wallet follows the browser's language and the doctor's choice", async ({ browser }) => {
  const russian = await browser.newContext({ locale: "ru-RU" });
  const page = await russian.newPage();
  await page.goto("/wallet");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Мой кошелёк");
  await expect(page.getByTestId(testIds.wallet.createWallet)).toHaveText("Создать кошелёк");
  await expect(page.locator("[lang=ru]").first()).toBeVisible();
  // The site header follows the wallet's language on wallet pages.
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Мой кошелёк" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Проверка" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "My wallet" })).toHaveCount(0);
  await shot(page, "wallet-ru-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.screenshot({
    path: path.join("test-results", "screenshots", "wallet-ru-390.png"),
    fullPage: true,
  });

  // The doctor switches to English with the keyboard; the choice is kept across a reload.
  const language = page.getByTestId(testIds.wallet.language);
  await language.focus();
  await language.selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My wallet");
  await expect(nav.getByRole("link", { name: "My wallet" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My wallet");
  await expect(nav.getByRole("link", { name: "Verify" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Проверка" })).toHaveCount(0);

  // And back to Russian, after the wallet exists: its panels follow.
  await page.getByTestId(testIds.wallet.createWallet).click();
  await expect(page.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  await language.selectOption("ru");
  await expect(page.getByTestId(testIds.wallet.lastBackup).first()).toContainText(
    "Последняя копия: никогда",
  );
  await expect(page.getByRole("heading", { name: "Резервная копия", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Мой кошелёк" })).toBeVisible();

  // Off the wallet, the site stays English, even for a Russian browser.
  await nav.getByRole("link", { name: "Проверка" }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(nav.getByRole("link", { name: "Verify" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Мой кошелёк" })).toHaveCount(0);
  await russian.close();
});

/**
 * A Russian doctor on a phone: claims a licence, reads the card, its status and its detail view in
 * Russian, and sees a revoked licence said in Russian too (the reason by its check code).
 */
test("a Russian doctor claims and reads credentials in Russian on a phone", async ({ browser }) => {
  test.setTimeout(180_000);
  const russian = await browser.newContext({
    locale: "ru-RU",
    viewport: { width: 390, height: 844 },
  });
  const page = await russian.newPage();
  const name = `Д-р Анна Соколова ${Date.now() % 10_000}`;
  const revokedName = `Д-р Пётр Волков ${Date.now() % 10_000}`;

  await page.goto("/wallet");
  await page.getByTestId(testIds.wallet.createWallet).click();
  await expect(page.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");

  // The claim page: the offer, its conditions and its fields, all in Russian.
  const first = await issueLicence(page.request, name);
  await page.goto(first.claimUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Добавление документа");
  const offer = page.getByTestId(testIds.wallet.claimOffer);
  await expect(offer).toContainText("Лицензия на медицинскую деятельность");
  await expect(offer).toContainText("Номер лицензии");
  await expect(offer).toContainText("Юрисдикция");
  await expect(offer).toContainText("Вид деятельности");
  await expect(offer.getByTestId(testIds.wallet.conditions)).toContainText("Условия практики");
  await expect(offer).toContainText("Ссылкой можно воспользоваться один раз");
  await expect(page.getByTestId(testIds.wallet.claimAccept)).toHaveText(
    "Принять и добавить в кошелёк",
  );
  await expectNoSidewaysScroll(page);
  await shot(page, "wallet-ru-claim-390");
  await page.getByTestId(testIds.wallet.claimAccept).click();
  await expect(page.getByTestId(testIds.wallet.claimResult)).toContainText(
    "Документ добавлен в кошелёк",
  );

  // A second licence, revoked by the authority after the doctor claimed it.
  const second = await issueLicence(page.request, revokedName);
  await page.goto(second.claimUrl);
  await page.getByTestId(testIds.wallet.claimAccept).click();
  await expect(page.getByTestId(testIds.wallet.claimResult)).toBeVisible();
  const revoked = await page.request.post(
    `/api/v1/issuers/${LICENSING}/credentials/${second.id}/revoke`,
    {
      headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
      data: { reason: "Licence surrendered" },
    },
  );
  expect(revoked.status()).toBe(200);

  // The list: cards, badges, reasons and buttons in Russian.
  await page.goto("/wallet");
  const card = page.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Действителен", {
    timeout: 20_000,
  });
  await expect(card).toContainText("Выдан: Eastland Medical Licensing Authority");
  await expect(card).toContainText("Номер лицензии");
  await expect(card).toContainText("Условия практики");
  await expect(card.getByTestId(testIds.wallet.showQr)).toHaveText("Показать QR-код");
  const revokedCard = page.getByTestId(testIds.wallet.credentialCard).filter({
    hasText: revokedName,
  });
  await expect(revokedCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Отозван", {
    timeout: 20_000,
  });
  await expect(revokedCard).toContainText("Выдавшая организация отозвала документ.");
  await expect(
    page.getByRole("heading", { name: "Выгрузка для информационной системы больницы" }),
  ).toBeVisible();
  await expect(page.getByText("все 2 документа")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await shot(page, "wallet-ru-list-390");

  // The detail view of the valid licence.
  await card.getByTestId(testIds.wallet.detailLink).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сведения о документе");
  const detail = page.getByTestId(testIds.wallet.detail);
  await expect(detail.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Действителен", {
    timeout: 20_000,
  });
  await expect(detail.getByTestId(testIds.wallet.statusCheckedAt)).toHaveText(
    "Статус проверен только что",
  );
  await expect(detail).toContainText("Содержание документа");
  await expect(detail).toContainText("Владелец");
  await expect(detail.getByTestId(testIds.wallet.accreditation)).toContainText(
    "Выдавшая организация и аккредитация",
  );
  await expect(detail.getByTestId(testIds.wallet.accreditation)).toContainText("Подтверждено");
  await expect(detail.getByTestId(testIds.wallet.anchor)).toContainText("Версия списка статусов");
  await expect(detail.getByTestId(testIds.wallet.correctionChain)).toContainText("Исправления");
  await expect(page).toHaveTitle(/Документ/);
  await expectNoSidewaysScroll(page);
  await shot(page, "wallet-ru-detail-390");

  // The QR dialog speaks Russian too.
  await detail.getByTestId(testIds.wallet.showQr).click();
  await expect(page.getByTestId(testIds.wallet.qrDialog)).toContainText("коррекция ошибок");
  await page.getByRole("button", { name: "Закрыть" }).click();

  // Receiving from another issuer.
  await page.goto("/wallet/receive");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Получить от другой организации",
  );
  await expect(page.getByLabel("Предложение документа")).toBeVisible();
  await expect(page.getByTestId(testIds.wallet.receiveLookup)).toHaveText("Проверить предложение");
  await expectNoSidewaysScroll(page);
  await shot(page, "wallet-ru-receive-390");

  // The same wallet in English keeps its English words.
  const language = page.getByTestId(testIds.wallet.language);
  await page.goto("/wallet");
  await language.selectOption("en");
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Valid", {
    timeout: 20_000,
  });
  await expect(revokedCard.getByTestId(testIds.wallet.credentialStatus)).toHaveText("Revoked");
  await expect(card).toContainText("Licence number");
  await russian.close();
});
