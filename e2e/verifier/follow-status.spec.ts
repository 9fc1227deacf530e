import { expect, test } from "@playwright/test";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, licence, LICENSING } from "../fixtures/demo";

test("a verifier follows a credential's status changes from the report", async ({
  page,
  request,
}) => {
  const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence("Dr Follow Status"),
  });
  const { jwt } = (await issued.json()) as { jwt: string };

  await page.goto("/verify");
  await page.getByTestId(testIds.verifier.paste).fill(jwt);
  await page.getByTestId(testIds.verifier.pasteSubmit).click();
  await expect(page.getByTestId(testIds.verifier.verdict)).toContainText("Valid");

  const follow = page.getByTestId(testIds.verifier.followStatus);
  const url = follow.getByLabel("Webhook URL");
  // A plain-http webhook is refused with the server's reason.
  await url.fill("http://hooks.example.org/vitae");
  await follow.getByRole("button", { name: "Follow" }).click();
  await expect(follow).toContainText("must be an https URL");

  await url.fill("https://hooks.example.org/vitae");
  await follow.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByTestId(testIds.verifier.followSecret)).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  await follow.screenshot({ path: "test-results/screenshots/verifier-follow-status.png" });
});
