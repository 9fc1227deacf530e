import { expect, test } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";

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
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: path.join("test-results", "screenshots", "wallet-ru-390.png"),
    fullPage: true,
  });

  // The doctor switches to English with the keyboard; the choice is kept across a reload.
  const language = page.getByTestId(testIds.wallet.language);
  await language.focus();
  await language.selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My wallet");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My wallet");

  // And back to Russian, after the wallet exists: its panels follow.
  await page.getByTestId(testIds.wallet.createWallet).click();
  await expect(page.getByTestId(testIds.wallet.did)).toContainText("did:jwk:");
  await language.selectOption("ru");
  await expect(page.getByTestId(testIds.wallet.lastBackup).first()).toContainText(
    "Последняя копия: никогда",
  );
  await expect(page.getByRole("heading", { name: "Резервная копия", exact: true })).toBeVisible();
  await russian.close();
});
