import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, expect, test, type Page } from "@playwright/test";
import { baseURL } from "@/playwright.config";
import { signJwt } from "@/lib/credentials/__fixtures__/harness";
import { compactCredential } from "@/lib/credentials/compact-credential";
import { jwkToMultikey } from "@/lib/credentials/multikey";
import type { PublicJwk } from "@/lib/credentials/schemas";
import { testIds } from "@/lib/test-ids";
import { chromiumExecutable } from "../fixtures/chromium";
import { demoApiKey, licence, LICENSING } from "../fixtures/demo";
import { writeQrVideo } from "../fixtures/fake-camera";

const shots = "test-results/screenshots";

async function issueLicence(
  request: import("@playwright/test").APIRequestContext,
  name: string,
): Promise<string> {
  const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(name),
  });
  expect(issued.ok()).toBe(true);
  return ((await issued.json()) as { jwt: string }).jwt;
}

function decodePayload(jwt: string): Record<string, unknown> & { vc: Record<string, unknown> } {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as never;
}

async function verifyPasted(page: Page, jwt: string) {
  await page.goto("/verify");
  await page.getByTestId(testIds.verifier.paste).fill(jwt);
  await page.getByTestId(testIds.verifier.pasteSubmit).click();
}

/** Screenshots at desktop width and at 390 px, full page. */
async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("scan → report: the wallet's QR code read by the camera verifies as Valid", async ({
  request,
}) => {
  const jwt = await issueLicence(request, "Dr Camera Scan");
  const compact = compactCredential.encode(jwt);
  expect(compact).toMatch(/^VITAE1:\d+$/);

  mkdirSync("test-results", { recursive: true });
  const video = path.resolve("test-results/fake-camera-qr.y4m");
  const { version } = writeQrVideo(video, compact!);
  expect(version).toBeLessThanOrEqual(25);

  // A browser of its own: the fake camera is chosen at launch.
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto("/verify");

    // Keyboard only: focus the scan button and press Enter.
    await page.getByTestId(testIds.verifier.cameraStart).focus();
    await page.keyboard.press("Enter");

    const verdict = page.getByTestId(testIds.verifier.verdict);
    await expect(verdict).toHaveAttribute("data-verdict", "valid", { timeout: 30_000 });
    await expect(verdict).toContainText("Valid");
    await expect(page.getByText("Dr Camera Scan", { exact: true })).toBeVisible();
    await expect(page.getByText("Read the QR code. The camera is off.")).toBeVisible();
    // The camera was released: the preview holds no stream.
    const preview = page.getByTestId(testIds.verifier.cameraPreview);
    expect(await preview.evaluate((v: HTMLVideoElement) => v.srcObject)).toBeNull();
    // Chromium on Linux has no BarcodeDetector: the frames were read by zxing's wasm, served here.
    expect(await page.evaluate(() => "BarcodeDetector" in globalThis)).toBe(false);
    const record = page.getByTestId(testIds.verifier.record);
    await expect(record).toContainText("Status list version");
    // The receipt carries the anchor's transaction, read from the chain in the browser.
    await expect(record).toContainText(/tx 0x[0-9a-f]{64}/);
    await page.screenshot({ path: `${shots}/verifier-scan-valid.png`, fullPage: true });
    await context.close();
  } finally {
    await browser.close();
  }
});

test("the camera states: refused permission is explained, and Stop camera releases it", async ({
  page,
}) => {
  // The suite's browser has no camera permission and no fake device.
  await page.goto("/verify");
  await page.getByTestId(testIds.verifier.cameraStart).click();
  const error = page.getByTestId(testIds.verifier.cameraError);
  await expect(error).toBeVisible();
  await expect(error).toContainText(
    /Camera access was refused|No camera found|camera could not be started/,
  );
});

test("a zxing-wasm is served from this origin, never a CDN", async ({ request }) => {
  const wasm = await request.get("/vendor/zxing-reader.wasm?v=1");
  expect(wasm.status()).toBe(200);
  expect(wasm.headers()["content-type"]).toBe("application/wasm");
  const bytes = await wasm.body();
  expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
});

test("the report of a tampered credential, an unaccredited issuer, and the printed receipt", async ({
  page,
  request,
}) => {
  const jwt = await issueLicence(request, "Dr Report Print");

  // Tampered: the name changed after signing.
  const [h, , s] = jwt.split(".");
  const payload = decodePayload(jwt);
  (payload.vc.credentialSubject as { name: string }).name = "Dr Mallory Forged";
  const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
  await verifyPasted(page, tampered);
  const verdict = page.getByTestId(testIds.verifier.verdict);
  await expect(verdict).toHaveAttribute("data-verdict", "invalid");
  await expect(page.locator(`[data-check-id="signature"]`)).toHaveAttribute("data-ok", "false");
  await expect(page.getByText("may be forged")).toBeVisible();
  await shoot(page, "verifier-report-tampered");

  // Unaccredited: a did:key issuer outside the trust registry signs a well-formed credential.
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const multikey = jwkToMultikey(
    (await crypto.subtle.exportKey("jwk", pair.publicKey)) as PublicJwk,
  );
  const did = `did:key:${multikey}`;
  const outside = decodePayload(jwt);
  outside.iss = did;
  outside.vc.issuer = did;
  delete outside.vc.credentialStatus;
  (outside.vc.credentialSubject as { name: string }).name = "Dr Outside Issuer";
  const unaccredited = await signJwt(
    { alg: "EdDSA", typ: "JWT", kid: `${did}#${multikey}` },
    outside,
    await crypto.subtle.exportKey("jwk", pair.privateKey),
  );
  await verifyPasted(page, unaccredited);
  await expect(verdict).toHaveAttribute("data-verdict", "invalid");
  await expect(page.locator(`[data-check-id="signature"]`)).toHaveAttribute("data-ok", "true");
  await expect(page.locator(`[data-check-id="trust"]`)).toHaveAttribute("data-ok", "false");
  await shoot(page, "verifier-report-unaccredited");

  // The printed receipt of a valid credential: verdict, checks, record; no inputs or buttons.
  await verifyPasted(page, jwt);
  await expect(verdict).toHaveAttribute("data-verdict", "valid");
  const record = page.getByTestId(testIds.verifier.record);
  await expect(record).toContainText(/tx 0x[0-9a-f]{64}/);

  // Download JSON: the structured result, with the codes and the JWT as evidence.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testIds.verifier.downloadJson).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^vitae-verification-.*\.json$/);
  const exported = JSON.parse(
    await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  ) as {
    verdict: string;
    checks: { id: string; code: string }[];
    anchor: { transaction: { txHash: string } | null };
    credential: { holder: { name: string } };
    jwt: string;
  };
  expect(exported.verdict).toBe("valid");
  expect(exported.checks.map((c) => c.code)).toEqual([
    "FORMAT_OK",
    "SIGNATURE_VALID",
    "VALIDITY_OK",
    "STATUS_ACTIVE",
    "ANCHOR_MATCH",
    "TRUST_ACCREDITED",
  ]);
  expect(exported.anchor.transaction?.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  expect(exported.credential.holder.name).toBe("Dr Report Print");
  expect(exported.jwt).toBe(jwt);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId(testIds.verifier.paste)).toBeHidden();
  await expect(page.getByTestId(testIds.verifier.printReceipt)).toBeHidden();
  await expect(page.getByTestId(testIds.verifier.recheck)).toBeHidden();
  await expect(page.getByRole("heading", { name: "Verification receipt" })).toBeVisible();
  await expect(record).toContainText("Verified by Vitae in the verifier's browser at");
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${shots}/verifier-receipt-print.png`, fullPage: true });
  await page.pdf({ path: `${shots}/verifier-receipt.pdf`, format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
});
