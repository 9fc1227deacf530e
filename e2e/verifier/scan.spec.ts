import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, expect, test, type Page } from "@playwright/test";
import { baseURL } from "@/playwright.config";
import { compactCredential } from "@/lib/credentials/compact-credential";
import { jwkToMultikey } from "@/lib/credentials/multikey";
import type { PublicJwk } from "@/lib/credentials/schemas";
import { testIds } from "@/lib/test-ids";
import { chromiumExecutable } from "../fixtures/chromium";
import { issueLicence, verifyPasted } from "../fixtures/demo";
import { writeQrVideo } from "../fixtures/fake-camera";

const shots = "test-results/screenshots";

/** An EdDSA JWT signed with WebCrypto, as an issuer outside Vitae would make it. */
async function signEd25519(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: CryptoKey,
): Promise<string> {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = await crypto.subtle.sign("Ed25519", privateKey, Buffer.from(input));
  return `${input}.${Buffer.from(signature).toString("base64url")}`;
}

/** A browser of its own whose camera films `text` as a QR code (the fake camera is set at launch). */
async function withFakeCamera(text: string, name: string, run: (page: Page) => Promise<void>) {
  mkdirSync("test-results", { recursive: true });
  const video = path.resolve(`test-results/fake-camera-${name}.y4m`);
  const { version } = writeQrVideo(video, text);
  expect(version).toBeLessThanOrEqual(25);
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
    await run(await context.newPage());
    await context.close();
  } finally {
    await browser.close();
  }
}

function decodePayload(jwt: string): Record<string, unknown> & { vc: Record<string, unknown> } {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as never;
}

/** Screenshots at desktop width and at 390 px, full page. */
async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: true });
  // The result column in readable slices (a whole phone page is too tall to look at at once).
  const box = await page.getByTestId(testIds.verifier.verdict).boundingBox();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = Math.max(0, (box?.y ?? 0) - 60), part = 1; y < height; y += 900, part++) {
    await page.screenshot({
      path: `${shots}/${name}-390-part${part}.png`,
      fullPage: true,
      clip: { x: 0, y, width: 390, height: Math.min(900, height - y) },
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("scan → report: the wallet's QR code read by the camera verifies as Valid", async ({
  request,
}) => {
  const { jwt } = await issueLicence(request, "Dr Camera Scan");
  const compact = compactCredential.encode(jwt);
  expect(compact).toMatch(/^VITAE1:\d+$/);

  await withFakeCamera(compact!, "credential", async (page) => {
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
    await expect(preview).toHaveAttribute("data-engine", "zxing");
    // Chromium on Linux has no BarcodeDetector: the frames were read by zxing's wasm, served here.
    expect(await page.evaluate(() => "BarcodeDetector" in globalThis)).toBe(false);
    const record = page.getByTestId(testIds.verifier.record);
    await expect(record).toContainText("Status list version");
    // The receipt carries the anchor's transaction, read from the chain in the browser.
    await expect(record).toContainText(/tx 0x[0-9a-f]{64}/);
    await page.screenshot({ path: `${shots}/verifier-scan-valid.png`, fullPage: true });
  });
});

test("a claim link held up to the camera is explained, scanning goes on, and Stop camera releases it", async ({
  request,
}) => {
  const { claimUrl } = await issueLicence(request, "Dr Claim Link");
  expect(claimUrl).toContain("/wallet/claim#");
  await withFakeCamera(claimUrl, "claim-link", async (page) => {
    await page.goto("/verify");
    await page.getByTestId(testIds.verifier.cameraStart).click();
    const preview = page.getByTestId(testIds.verifier.cameraPreview);
    await expect(preview).toBeVisible();
    await expect(page.getByTestId(testIds.verifier.cameraError)).toContainText(
      "This is a claim link",
    );
    await expect(page.getByTestId(testIds.verifier.verdict)).toHaveCount(0);
    expect(await preview.evaluate((v: HTMLVideoElement) => v.srcObject !== null)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/verifier-camera-claim-link-390.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    const track = await preview.evaluate(
      (v: HTMLVideoElement) => (v.srcObject as MediaStream).getVideoTracks()[0]!.id,
    );
    expect(track).toBeTruthy();
    await page.getByTestId(testIds.verifier.cameraStop).click();
    // Focus stays on the control that replaced Stop, for keyboard users.
    await expect(page.getByTestId(testIds.verifier.cameraStart)).toBeFocused();
    await expect(preview).toBeHidden();
    expect(await preview.evaluate((v: HTMLVideoElement) => v.srcObject)).toBeNull();
  });
});

test("the camera states: a browser without camera access is told why", async ({ page }) => {
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
  const { jwt } = await issueLicence(request, "Dr Report Print");

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
  const unaccredited = await signEd25519(
    { alg: "EdDSA", typ: "JWT", kid: `${did}#${multikey}` },
    outside,
    pair.privateKey,
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
