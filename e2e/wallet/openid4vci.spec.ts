import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { subjectExamples } from "@/lib/credentials/credential-types/examples";
import { demoApiKey, LICENSING, licence, signInToConsole } from "../fixtures/demo";

/**
 * OpenID4VCI on the real stack: an issuer issues through the API and gets a credential offer
 * URI; the doctor's wallet takes nothing but that offer, discovers the issuer, gets a token and
 * a nonce, proves its browser key and files the verified credential. A second attempt with the
 * same offer (or the old claim link) is refused with a clear message, and nothing is added.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);
const shot = (page: Page, name: string) => page.screenshot({ path: shots(name), fullPage: true });

test("a wallet claims through OpenID4VCI from the offer alone, once", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `Dr Lina Okafor ${Date.now() % 10_000}`;
  const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(name),
  });
  expect(issued.status()).toBe(201);
  const { credentialOfferUri, claimUrl } = (await issued.json()) as {
    credentialOfferUri: string;
    claimUrl: string;
  };
  expect(credentialOfferUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);

  // The standard discovery URLs answer on the production build (next.config.js rewrites).
  const meta = await request.get(`/.well-known/openid-credential-issuer/issuers/${LICENSING}`);
  expect(meta.status()).toBe(200);
  const metadata = (await meta.json()) as { credential_issuer: string; nonce_endpoint: string };
  expect(metadata.credential_issuer).toMatch(new RegExp(`/issuers/${LICENSING}$`));
  const offerUrl = decodeURIComponent(credentialOfferUri.split("credential_offer_uri=")[1]!);
  const offer = await request.get(offerUrl);
  expect(
    ((await offer.json()) as { credential_configuration_ids: string[] })
      .credential_configuration_ids,
  ).toEqual(["MedicalLicenseCredential"]);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const doctor = await context.newPage();

  // 1. A fresh browser receives the offer: it is looked up and summarised before anything is spent.
  await doctor.goto(`/wallet/receive?offer=${encodeURIComponent(credentialOfferUri)}`);
  const summary = doctor.getByTestId(testIds.wallet.receiveSummary);
  await expect(summary).toContainText("Eastland");
  await expect(summary).toContainText("Medical licence");
  await expect(doctor.getByText("This will create your wallet")).toBeVisible();
  await shot(doctor, "oid4vci-offer-mobile");

  // 2. Accept: token, nonce, proof, credential, verification, IndexedDB.
  await doctor.getByTestId(testIds.wallet.receiveAccept).click();
  await expect(doctor.getByTestId(testIds.wallet.claimResult)).toContainText(
    "Added to your wallet",
  );
  const card = doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card.getByTestId(testIds.wallet.credentialStatus)).toContainText(/valid/i);
  await shot(doctor, "oid4vci-received-mobile");

  await doctor.goto("/wallet");
  await expect(
    doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name }),
  ).toBeVisible();
  await expect(doctor.getByTestId(testIds.wallet.receiveLink)).toBeVisible();

  // 3. The same offer again, pasted into the box by keyboard: refused, clearly, nothing added.
  await doctor.getByTestId(testIds.wallet.receiveLink).click();
  await expect(doctor).toHaveURL(/\/wallet\/receive$/);
  await doctor.getByTestId(testIds.wallet.receiveOfferInput).fill(credentialOfferUri);
  await doctor.getByTestId(testIds.wallet.receiveLookup).press("Enter");
  const refusal = doctor.getByTestId(testIds.wallet.receiveError);
  await expect(refusal).toContainText("This offer can no longer be used");
  await expect(refusal).toContainText("already been claimed");
  await expect(doctor.getByTestId(testIds.wallet.receiveAccept)).toHaveCount(0);
  await shot(doctor, "oid4vci-second-attempt-mobile");

  // 4. The claim link of the same credential is spent too.
  await doctor.goto(claimUrl);
  await expect(doctor.getByTestId(testIds.wallet.claimError)).toContainText("already been claimed");

  await doctor.goto("/wallet");
  await expect(
    doctor.getByTestId(testIds.wallet.credentialCard).filter({ hasText: name }),
  ).toHaveCount(1);

  // 5. A garbled offer gets a reason, not a crash.
  await doctor.goto("/wallet/receive");
  await doctor
    .getByTestId(testIds.wallet.receiveOfferInput)
    .fill("openid-credential-offer://?nothing=here");
  await doctor.getByTestId(testIds.wallet.receiveLookup).click();
  await expect(doctor.getByTestId(testIds.wallet.receiveError)).toContainText(
    "no credential offer",
  );
  await context.close();

  // Desktop view of a fresh offer, for the look.
  const second = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(`${name} II`),
  });
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const next = (await second.json()) as { credentialOfferUri: string };
  await desktop.goto(`/wallet/receive?offer=${encodeURIComponent(next.credentialOfferUri)}`);
  await expect(desktop.getByTestId(testIds.wallet.receiveSummary)).toBeVisible();
  await shot(desktop, "oid4vci-offer-desktop");
  await desktop.close();
});

test("the console shows the credential offer beside the claim link", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/issuer");
  await signInToConsole(page, LICENSING);
  await page.getByTestId(testIds.issuer.typePicker).selectOption("MedicalLicenseCredential");
  const form = page.getByTestId(testIds.issuer.issueForm);
  const holder = `Dr Noor Salim ${Date.now() % 10_000}`;
  const example: Record<string, unknown> = {
    ...subjectExamples.MedicalLicenseCredential,
    name: holder,
  };
  for (const [key, value] of Object.entries(example)) {
    if (typeof value === "string") await form.locator(`[name="${key}"]`).fill(value);
  }
  await page.getByTestId(testIds.issuer.issueSubmit).click();
  const result = page.getByTestId(testIds.issuer.issueResult);
  await expect(result).toContainText(`issued for ${holder}`);
  await result.getByText("For other wallets (OpenID4VCI credential offer)").click();
  await expect(result.getByTestId(testIds.issuer.credentialOffer)).toHaveText(
    /^openid-credential-offer:\/\/\?credential_offer_uri=/,
  );
  await expect(result.getByAltText("QR code of the credential offer")).toBeVisible();
  await result.getByTestId(testIds.issuer.credentialOffer).scrollIntoViewIfNeeded();
  await shot(page, "oid4vci-console-offer");
});
