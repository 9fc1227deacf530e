import { expect, test, type Page } from "@playwright/test";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, licence, LICENSING } from "../fixtures/demo";

const auth = { Authorization: `Bearer ${demoApiKey(LICENSING)}` };
const shots = "test-results/screenshots";

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test.describe("the public ledger pages", () => {
  test("list the status lists and audit one list's history against the chain", async ({
    page,
    request,
  }) => {
    // Two credentials, one revoked: the revocation list then has at least two anchored versions.
    const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      headers: auth,
      data: licence("Dr Ledger Audit"),
    });
    expect(issued.status()).toBe(201);
    const { id, status } = (await issued.json()) as { id: string; status: { listId: string } };
    const revoked = await request.post(`/api/v1/issuers/${LICENSING}/credentials/${id}/revoke`, {
      headers: auth,
      data: { reason: "Ledger audit test" },
    });
    expect(await revoked.json()).toMatchObject({ anchorState: "anchored" });

    const index = await request.get("/api/v1/status-lists");
    const lists = (await index.json()) as Array<{ id: string; servedVersion: number | null }>;
    const list = lists.find((l) => l.id === status.listId);
    expect(list?.servedVersion).toBeGreaterThanOrEqual(2);

    await page.goto("/ledger");
    const table = page.getByTestId(testIds.ledger.listIndex);
    await expect(table).toContainText("Eastland Medical Licensing Authority");
    await shoot(page, "ledger-index");

    await page.getByRole("link", { name: "Revocation list 1" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/ledger/${status.listId}$`));
    await expect(page.getByTestId(testIds.ledger.servedCheck)).toContainText(
      `Served list is version ${list!.servedVersion}, the latest anchored`,
    );
    const rows = page.getByTestId(testIds.ledger.historyRow);
    await expect(rows).toHaveCount(list!.servedVersion!);
    await expect(rows.first()).toContainText(`v${list!.servedVersion}`);
    await shoot(page, "ledger-history");

    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "ledger-history-390");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("an unknown list gives a not-found page", async ({ page }) => {
    const res = await page.goto("/ledger/no-such-list");
    expect(res?.status()).toBe(404);
  });
});
