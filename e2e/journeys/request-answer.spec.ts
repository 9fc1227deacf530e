import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { expectAccessible } from "../fixtures/accessibility";
import { demoApiKey, LICENSING } from "../fixtures/demo";

/**
 * A verifier's request answered by a doctor's wallet, two browser contexts, nothing mocked: the
 * hospital builds a request ("licensed in Eastland, no conditions"), the doctor (on a phone-sized
 * screen, with a licence claimed into the browser wallet) opens its link, sees who asks and why,
 * shares; the hospital's page, polling, shows "Policy met" with the credential's full report.
 * Then the licensing authority revokes the licence through its API, and the same request made
 * again is answered "Policy not met".
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: shots(name), fullPage: true });
}

/** On the verifier's page: build and create the request; returns the wallet link it shows. */
async function createRequest(hospital: Page): Promise<string> {
  const builder = hospital.getByTestId(testIds.requests.builder);
  await expect(builder).toBeVisible();
  await builder.getByLabel("Jurisdiction").fill("Eastland");
  await hospital.getByTestId(testIds.requests.verifierName).fill("St Aurelia General Hospital");
  await hospital
    .getByTestId(testIds.requests.purpose)
    .fill("Locum cover in the emergency department, 3–5 December");
  await hospital.getByTestId(testIds.requests.create).click();
  await expect(hospital.getByTestId(testIds.requests.waiting)).toBeVisible();
  await expect(hospital.getByTestId(testIds.requests.qr)).toBeVisible();
  await expect(hospital.getByTestId(testIds.requests.countdown)).toContainText(
    /Expires in (9|10):/,
  );
  const link = (await hospital.getByTestId(testIds.requests.link).innerText()).trim();
  expect(link).toMatch(/\/wallet\/present\?request=[A-Za-z0-9_-]{22}$/);
  return link;
}

/** On the doctor's phone: open the request and check what it says. */
async function openRequest(doctor: Page, link: string) {
  await doctor.goto(link);
  const view = doctor.getByTestId(testIds.requests.presentView);
  await expect(view).toContainText("St Aurelia General Hospital asks you to show");
  await expect(view).toContainText("Licensed physician in Eastland, no conditions on practice");
  await expect(view).toContainText("Locum cover in the emergency department");
}

/**
 * Share the licence. A valid one is pre-selected; one the wallet's own check finds revoked is
 * marked so and left unselected, and the doctor has to pick it deliberately.
 */
async function answer(
  doctor: Page,
  link: string,
  name: string,
  shotName: string,
  status: "Valid" | "Revoked" = "Valid",
) {
  await openRequest(doctor, link);
  const fitting = doctor
    .getByTestId(testIds.requests.presentCredential)
    .filter({ hasText: name })
    .and(doctor.locator('[data-fits="true"]'));
  await expect(fitting).toHaveCount(1);
  await expect(fitting.getByTestId(testIds.requests.presentStatus)).toHaveText(status, {
    timeout: 20_000,
  });
  await expect(fitting).toHaveAttribute("data-status", status);
  if (status === "Valid") {
    await expect(fitting.getByRole("checkbox")).toBeChecked();
  } else {
    await expect(fitting.getByRole("checkbox")).not.toBeChecked();
    await expect(fitting).toContainText("Not selected");
    await expect(doctor.getByTestId(testIds.requests.presentShare)).toBeDisabled();
  }
  await expectAccessible(doctor, "the wallet's view of a request");
  await shot(doctor, shotName);
  if (status !== "Valid") await fitting.getByRole("checkbox").check();
  await doctor.getByTestId(testIds.requests.presentShare).click();
  return doctor.getByTestId(testIds.requests.presentResult);
}

test("a verifier's request is answered by the wallet: policy met, then not met once revoked", async ({
  browser,
  request,
}) => {
  const name = `Dr Noor Rahimi ${Date.now() % 10_000}`;
  // The licensing authority issues a licence without conditions (API key, as an API client would).
  const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: {
      type: "MedicalLicenseCredential",
      subject: { name, licenseNumber: `EL-${Date.now() % 1e6}`, jurisdiction: "Eastland" },
    },
  });
  expect(issued.status()).toBe(201);
  const { id, claimUrl } = (await issued.json()) as { id: string; claimUrl: string };

  const hospital = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  const doctor = await (await browser.newContext({ viewport: PHONE })).newPage();

  // The doctor claims the licence into the browser wallet, which makes its key on the way.
  await doctor.goto(claimUrl);
  await doctor.getByTestId(testIds.wallet.claimAccept).click();
  await expect(doctor.getByTestId(testIds.wallet.claimResult)).toBeVisible();

  // 1. The hospital builds the request and waits.
  await hospital.goto("/verify/request");
  await shot(hospital, "request-builder");
  const firstLink = await createRequest(hospital);
  await expectAccessible(hospital, "a request waiting for its answer");
  await shot(hospital, "request-waiting");
  await hospital.setViewportSize(PHONE);
  await shot(hospital, "request-waiting-390");
  await hospital.setViewportSize(DESKTOP);

  // 2. The doctor answers on the phone.
  const result = await answer(doctor, firstLink, name, "present-request-390");
  await expect(result).toContainText("everything asked for is met");
  await expectAccessible(doctor, "the wallet after sharing");
  await shot(doctor, "present-shared-390");

  // 3. The hospital's page sees the verified answer without a reload.
  const outcome = hospital.getByTestId(testIds.requests.outcome);
  await expect(outcome).toHaveAttribute("data-outcome", "met", { timeout: 20_000 });
  await expect(outcome).toContainText("Policy met");
  await expect(hospital.getByTestId(testIds.requests.requirement)).toHaveAttribute(
    "data-outcome",
    "met",
  );
  await expect(hospital.getByTestId(testIds.verifier.verdict)).toContainText("Valid");
  await expect(outcome).toContainText(name);
  await expect(hospital.getByTestId(testIds.requests.countdown)).toHaveCount(0);
  await expectAccessible(hospital, "a request met");
  await shot(hospital, "request-met");
  await hospital.setViewportSize(PHONE);
  await shot(hospital, "request-met-390");
  await hospital.setViewportSize(DESKTOP);

  // The same link cannot be answered twice.
  await doctor.goto(firstLink);
  await expect(doctor.getByTestId(testIds.requests.presentError)).toContainText(
    "already been answered",
  );

  // 4. The authority revokes the licence (anchored on the ledger before it answers).
  const revoked = await request.post(`/api/v1/issuers/${LICENSING}/credentials/${id}/revoke`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: { reason: "Licence surrendered" },
  });
  expect(revoked.status()).toBe(200);
  expect(((await revoked.json()) as { anchorState: string }).anchorState).toBe("anchored");

  // 5. The same request again: the wallet still holds the licence and shares it; not met.
  await hospital.getByTestId(testIds.requests.newRequest).click();
  const secondLink = await createRequest(hospital);
  expect(secondLink).not.toBe(firstLink);
  const second = await answer(doctor, secondLink, name, "present-request-again-390", "Revoked");
  await expect(second).toContainText("not everything asked for is met");
  await shot(doctor, "present-shared-not-met-390");

  await expect(outcome).toHaveAttribute("data-outcome", "not_met", { timeout: 20_000 });
  await expect(outcome).toContainText("Policy not met");
  const requirement = hospital.getByTestId(testIds.requests.requirement);
  await expect(requirement).toHaveAttribute("data-outcome", "not_met");
  await expect(requirement).toContainText("revoked");
  await expect(hospital.getByTestId(testIds.verifier.verdict)).toContainText("Revoked");
  await shot(hospital, "request-not-met");
  await hospital.setViewportSize(PHONE);
  await shot(hospital, "request-not-met-390");
});

test("the doctor declines: the verifier's page, reloaded meanwhile, says so and stops waiting", async ({
  browser,
  request,
}) => {
  const name = `Dr Ilse Brandt ${Date.now() % 10_000}`;
  const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: {
      type: "MedicalLicenseCredential",
      subject: { name, licenseNumber: `EL-${Date.now() % 1e6}`, jurisdiction: "Eastland" },
    },
  });
  expect(issued.status()).toBe(201);
  const { claimUrl } = (await issued.json()) as { claimUrl: string };

  const hospital = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  const doctor = await (await browser.newContext({ viewport: PHONE })).newPage();
  await doctor.goto(claimUrl);
  await doctor.getByTestId(testIds.wallet.claimAccept).click();
  await expect(doctor.getByTestId(testIds.wallet.claimResult)).toBeVisible();

  await hospital.goto("/verify/request");
  const link = await createRequest(hospital);

  // A reload keeps watching the same request (sessionStorage), not a new builder.
  await hospital.reload();
  await expect(hospital.getByTestId(testIds.requests.waiting)).toBeVisible();
  await expect(hospital.getByTestId(testIds.requests.link)).toHaveText(link);

  await openRequest(doctor, link);
  await doctor.getByTestId(testIds.requests.presentDecline).click();
  const result = doctor.getByTestId(testIds.requests.presentResult);
  await expect(result).toContainText("You declined");
  await expect(result).toContainText("Nothing was shared with St Aurelia General Hospital");
  await shot(doctor, "present-declined-390");

  const declined = hospital.getByTestId(testIds.requests.declined);
  await expect(declined).toContainText("The doctor declined to share", { timeout: 20_000 });
  await expect(hospital.getByTestId(testIds.requests.waiting)).toHaveCount(0);
  await expect(hospital.getByTestId(testIds.requests.countdown)).toHaveCount(0);
  await shot(hospital, "request-declined");
  await hospital.setViewportSize(PHONE);
  await shot(hospital, "request-declined-390");
  await hospital.setViewportSize(DESKTOP);

  // The link is closed for the doctor too, and still after a reload of the verifier's page.
  await doctor.goto(link);
  await expect(doctor.getByTestId(testIds.requests.presentError)).toContainText("You declined");
  await hospital.reload();
  await expect(declined).toBeVisible();

  // "New request" forgets it: a reload then shows the builder.
  await hospital.getByTestId(testIds.requests.newRequest).click();
  await expect(hospital.getByTestId(testIds.requests.builder)).toBeVisible();
  await hospital.reload();
  await expect(hospital.getByTestId(testIds.requests.builder)).toBeVisible();
});
