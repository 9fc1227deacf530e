import { expect, test, type Locator, type Page } from "@playwright/test";
import path from "node:path";
import { credentialTypes, type CredentialTypeName } from "@/lib/credentials/credential-types";
import { subjectExamples } from "@/lib/credentials/credential-types/examples";
import { testIds } from "@/lib/test-ids";
import { claimFromLink, jwtPayload, statusOnChain } from "../fixtures/chain";
import { signInToConsole } from "../fixtures/demo";

/**
 * Each demo issuer signs in to the console and issues one credential of every type it may issue,
 * through the form generated from the type's schema: the type picker offers exactly its types,
 * inline validation speaks before submitting, the live preview shows the card (conditions on
 * practice first), and the result is a claim link with a row in the registry. The first
 * credential of each issuer is claimed and checked against the chain by the test itself: signed by
 * the issuer's DID, its status list as served hashes to the anchor on anvil, its bit unset.
 */

const issuers: { slug: string; types: CredentialTypeName[] }[] = [
  {
    slug: "eastland-licensing",
    types: ["MedicalLicenseCredential", "SpecialtyCertificationCredential"],
  },
  {
    slug: "northbridge-medicine",
    types: ["MedicalDegreeCredential", "PostgraduateTrainingCredential", "CompetencyCredential"],
  },
  {
    slug: "st-aurelia-hospital",
    types: [
      "ClinicalPrivilegesCredential",
      "CompetencyCredential",
      "PostgraduateTrainingCredential",
    ],
  },
];

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.join("test-results", "screenshots", `${name}.png`),
    fullPage: true,
  });

/** Fills the generated form from a subject, by the inputs' names (their subject paths). */
async function fillSubject(form: Locator, value: unknown, at = ""): Promise<void> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const firstKey = Object.keys(item as object)[0];
      if ((await form.locator(`[name="${at}.${i}.${firstKey}"]`).count()) === 0) {
        const add =
          at === "conditions" ? testIds.issuer.addCondition : `${testIds.issuer.addListItem}-${at}`;
        await form.getByTestId(add).click();
      }
      await fillSubject(form, item, `${at}.${i}`);
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value))
      await fillSubject(form, v, at ? `${at}.${key}` : key);
  } else {
    const input = form.locator(`[name="${at}"]`);
    if ((await input.evaluate((el) => el.tagName)) === "SELECT")
      await input.selectOption(String(value));
    else await input.fill(String(value));
  }
}

async function signIn(page: Page, slug: string) {
  await page.goto("/issuer");
  await signInToConsole(page, slug);
  await expect(page.getByTestId(testIds.issuer.issueForm)).toBeVisible();
}

for (const { slug, types } of issuers) {
  test(`${slug} issues each of its credential types from the generated form`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, slug);
    const picker = page.getByTestId(testIds.issuer.typePicker);
    await expect(picker.locator("option")).toHaveText(types.map((t) => credentialTypes[t].title));
    const form = page.getByTestId(testIds.issuer.issueForm);
    const preview = page.getByTestId(testIds.issuer.preview);

    for (const type of types) {
      const { title } = credentialTypes[type];
      await picker.selectOption(type);
      await expect(form).toHaveAttribute("data-credential-type", type);
      await expect(preview).toContainText(title);

      // Inline validation: a required field left empty says so on leaving it, before submitting.
      const name = form.locator('[name="name"]');
      await name.fill("");
      await name.blur();
      await expect(name).toHaveAttribute("aria-invalid", "true");
      await expect(form.getByText("Is required.").first()).toBeVisible();

      const holder = `Dr Amira Haddad ${type.slice(0, 6)} ${Date.now() % 10_000}`;
      await fillSubject(form, { ...subjectExamples[type], name: holder });
      await expect(name).not.toHaveAttribute("aria-invalid", "true");
      await expect(preview).toContainText(holder);
      const conditions = subjectExamples[type].conditions as { text: string }[] | undefined;
      if (conditions?.[0]) {
        await expect(preview.getByTestId(testIds.issuer.previewConditions)).toContainText(
          conditions[0].text,
        );
      }
      await shot(page, `console-${slug}-${type}`);

      await page.getByTestId(testIds.issuer.issueSubmit).click();
      const result = page.getByTestId(testIds.issuer.issueResult);
      await expect(result).toContainText(`${title} issued for ${holder}`);
      await expect(result.getByTestId(testIds.issuer.claimLink)).toHaveText(
        /\/wallet\/claim#[A-Za-z0-9_-]{20,}$/,
      );
      if (type === types[0]) {
        const claimUrl = (await result.getByTestId(testIds.issuer.claimLink).innerText()).trim();
        const jwt = await claimFromLink(request, claimUrl);
        const directory = (await (await request.get("/api/v1/issuers")).json()) as {
          slug: string;
          did: string;
        }[];
        expect(jwtPayload(jwt).iss).toBe(directory.find((d) => d.slug === slug)?.did);
        await statusOnChain(request, jwt, false);
      }
      const row = page.getByTestId(testIds.issuer.credentialRow).filter({ hasText: holder });
      await expect(row).toContainText(title);
      await expect(row.getByTestId(testIds.issuer.rowStatus)).toHaveText("Active");
      // The form is ready for the next doctor.
      await expect(name).toHaveValue("");
    }
    await shot(page, `console-${slug}-issued`);
  });
}

test("the console works on a 390 px phone: form, then preview, stacked", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "st-aurelia-hospital");
  const form = page.getByTestId(testIds.issuer.issueForm);
  await fillSubject(form, subjectExamples.ClinicalPrivilegesCredential);
  const preview = page.getByTestId(testIds.issuer.preview);
  await expect(preview).toContainText("Coronary angiography (33367005)");
  const formBox = await form.boundingBox();
  const previewBox = await preview.boundingBox();
  expect(previewBox!.y).toBeGreaterThan(formBox!.y + formBox!.height - 1);
  expect(previewBox!.width).toBeLessThanOrEqual(390);
  // The registry table scrolls inside its own box; the page itself never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow).toBeLessThanOrEqual(390);
  await shot(page, "console-phone-privileges");

  // Submitting with a mistake moves focus to it and says what is wrong.
  await form.locator('[name="period.end"]').fill("2024-01-01");
  await page.getByTestId(testIds.issuer.issueSubmit).click();
  await expect(form.locator('[name="period.end"]')).toBeFocused();
  await expect(form).toContainText("Must not be before privileges from.");
  await shot(page, "console-phone-error");
});
