import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { auditLogListKey, verifyAuditLog } from "@/lib/trust/verify-audit-log";
import { createProof } from "@/lib/wallet/claim-credential";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import { testIds } from "@/lib/test-ids";
import { chainReader, statusOnChain } from "../fixtures/chain";
import { LICENSING, signInToConsole } from "../fixtures/demo";

/**
 * The issuer's day with many doctors: a 500-row CSV with bad rows (a UTF-16 export refused
 * first), rows skipped, issued in the server with a progress bar, the claim links downloaded;
 * one credential corrected (amend) and one revoked; the registry searched and filtered. Every
 * step is checked in the UI and against the chain, by claiming the credential with a fresh
 * wallet key and verifying it through POST /api/v1/verify (signature, status, anchor).
 */

const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.join("test-results", "screenshots", `${name}.png`),
    fullPage: true,
  });

const ROWS = 500;
const run = Date.now().toString(36).toUpperCase();
const key = (i: number) => `EL-${run}-${String(i).padStart(3, "0")}`;

function bulkCsv(): string {
  const year = new Date().getUTCFullYear() + 2;
  const lines = [
    "row_key,Doctor's full name,Licence number,Jurisdiction,Scope of practice,Licensed until,Conditions on practice",
  ];
  for (let i = 0; i < ROWS - 3; i++) {
    const conditions = i % 7 === 0 ? '"SUP-REQ: Supervision required; No night shifts"' : "";
    lines.push(
      `${key(i)},Dr Batch ${run} ${i},${key(i)},Eastland,General registration,${year}-06-30,${conditions}`,
    );
  }
  lines.push(`${key(900)},Dr Wrong Date,${key(900)},Eastland,,30/06/${year},`); // row 499
  lines.push(`${key(901)},,${key(901)},Eastland,,,`); // row 500: no name
  lines.push(`${key(0)},Dr Duplicate,${key(0)},Eastland,,,`); // row 501: repeats row 2
  return `${lines.join("\n")}\n`;
}

async function signIn(page: Page) {
  await page.goto("/issuer");
  await signInToConsole(page, LICENSING);
  await expect(page.getByTestId(testIds.issuer.bulkPanel)).toBeVisible();
}

type Holder = Awaited<ReturnType<typeof generateHolderKey>>;

/** Claims a credential as a wallet does (proof of possession) and returns its JWT. */
async function claim(
  request: APIRequestContext,
  claimUrl: string,
  holder?: Holder,
): Promise<string> {
  const token = claimUrl.split("#")[1]!;
  const offer = await request.get(`/api/v1/claims/${token}`);
  expect(offer.status()).toBe(200);
  const { nonce, audience } = (await offer.json()) as { nonce: string; audience: string };
  const res = await request.post(`/api/v1/claims/${token}`, {
    data: { proof: await createProof(holder ?? (await generateHolderKey()), { audience, nonce }) },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { credential: string }).credential;
}

async function verify(request: APIRequestContext, jwt: string) {
  const res = await request.post("/api/v1/verify", { data: { credential: jwt } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { verified: boolean; checks: { id: string; code: string }[] };
  return {
    verified: body.verified,
    codes: Object.fromEntries(body.checks.map((c) => [c.id, c.code])),
  };
}

function payloadOf(jwt: string): { vc: Record<string, unknown>; jti: string } {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as {
    vc: Record<string, unknown>;
    jti: string;
  };
}

test("bulk issue a 500-row CSV with bad rows, amend one, revoke one, filter the registry", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  const panel = page.getByTestId(testIds.issuer.bulkPanel);
  await shot(page, "bulk-01-console-desktop");

  // A UTF-16 export is refused on the file field, before anything is written.
  await panel.getByTestId(testIds.issuer.bulkFile).setInputFiles({
    name: "export-utf16.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("name,licenseNumber\nDr A,EL-1\n", "utf16le"),
  });
  await expect(panel.getByTestId(testIds.issuer.bulkFileError)).toContainText("UTF-16");

  // The real file: columns matched by header, every row checked.
  await panel.getByTestId(testIds.issuer.bulkFile).setInputFiles({
    name: "eastland-renewals.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(bulkCsv(), "utf8"),
  });
  const summary = panel.getByTestId(testIds.issuer.bulkSummary);
  await expect(summary).toHaveAttribute("data-valid", String(ROWS - 3));
  await expect(summary).toHaveAttribute("data-invalid", "3");
  await expect(panel.getByTestId(testIds.issuer.bulkRowKey)).toHaveValue("row_key");
  await expect(panel.locator('[data-field-path="validUntil"]')).toHaveValue("Licensed until");
  const errors = panel.getByTestId(testIds.issuer.bulkErrors);
  await expect(errors.locator("tbody tr")).toHaveCount(3);
  await expect(errors.locator("tbody tr").nth(0)).toContainText("499");
  await expect(errors.locator("tbody tr").nth(0)).toContainText("YYYY-MM-DD");
  await expect(errors.locator("tbody tr").nth(1)).toContainText("is required");
  await expect(errors.locator("tbody tr").nth(2)).toContainText("repeats row 2");
  const start = panel.getByTestId(testIds.issuer.bulkStart);
  await expect(start).toBeDisabled();
  await shot(page, "bulk-02-preview-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "bulk-02-preview-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Skip the bad rows and issue in the server, following the progress bar.
  await panel.getByTestId(testIds.issuer.bulkSkipInvalid).check();
  await expect(start).toBeEnabled();
  await start.click();
  const progress = panel.getByTestId(testIds.issuer.bulkProgress);
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", String(ROWS - 3));
  await shot(page, "bulk-03-done-desktop");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByTestId(testIds.issuer.bulkDownload).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(ROWS - 3 + 1);
  expect(lines[0]).toBe(
    '"row","row_key","name","result","credential_id","claim_url","claim_expires_at","note","credential_offer_uri"',
  );
  const rows = lines.slice(1).map((l) => l.slice(1, -1).split('","'));
  expect(new Set(rows.map((r) => r[1])).size).toBe(ROWS - 3);
  expect(rows.every((r) => r[3] === "issued" && /\/wallet\/claim#[\w-]{32}$/.test(r[5]!))).toBe(
    true,
  );

  // Against the chain: a bulk credential claimed by a wallet verifies in full.
  const [, amendKey, amendName, , amendId, amendLink] = rows[1]!;
  const doctor = await generateHolderKey();
  const originalJwt = await claim(request, amendLink!, doctor);
  expect(await verify(request, originalJwt)).toMatchObject({
    verified: true,
    codes: { status: "STATUS_ACTIVE", anchor: "ANCHOR_MATCH" },
  });

  // Re-uploading the same file issues nothing new.
  await panel.getByRole("button", { name: "Issue another file" }).click();
  await panel.getByTestId(testIds.issuer.bulkFile).setInputFiles({
    name: "eastland-renewals.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(bulkCsv(), "utf8"),
  });
  await panel.getByTestId(testIds.issuer.bulkSkipInvalid).check();
  await panel.getByTestId(testIds.issuer.bulkStart).click();
  await expect(panel.getByTestId(testIds.issuer.bulkProgress)).toHaveAttribute(
    "data-state",
    "done",
    {
      timeout: 60_000,
    },
  );
  await expect(panel).toContainText(`0 issued, ${ROWS - 3} already issued before`);

  // The registry finds the row by its key; correct the doctor's name (amend).
  const search = page.getByTestId(testIds.issuer.registrySearch);
  await search.fill(amendKey!);
  await search.press("Enter");
  const row = page.locator(
    `[data-testid="${testIds.issuer.credentialRow}"][data-credential-id="${amendId}"]`,
  );
  await expect(page.getByTestId(testIds.issuer.credentialRow)).toHaveCount(1);
  await expect(row).toContainText(amendName!);
  await row.getByTestId(testIds.issuer.amend).click();
  const dialog = page.getByTestId(testIds.issuer.amendDialog);
  await expect(dialog.locator('[name="name"]')).toHaveValue(amendName!);
  await expect(dialog.locator('[name="licenseNumber"]')).toHaveValue(amendKey!);
  await dialog.locator('[name="name"]').fill(`${amendName} Corrected`);
  await shot(page, "bulk-04-amend-dialog-desktop");
  await dialog.getByTestId(testIds.issuer.amendSubmit).click();
  const result = page.getByTestId(testIds.issuer.actionResult);
  await expect(result).toContainText("revoked as superseded");
  const newClaimUrl = /https?:\/\/\S+\/wallet\/claim#[\w-]+/.exec(await result.innerText())![0];

  // Both appear as one chain: the old row superseded, the new one correcting it.
  await expect(page.getByTestId(testIds.issuer.credentialRow)).toHaveCount(2);
  await expect(row.getByTestId(testIds.issuer.rowStatus)).toHaveText("Revoked");
  await expect(row).toContainText("superseded");
  await expect(row.getByTestId(testIds.issuer.rowChain)).toContainText("Superseded by");
  const corrected = page.getByTestId(testIds.issuer.credentialRow).filter({ hasText: "Corrected" });
  await expect(corrected.getByTestId(testIds.issuer.rowChain)).toContainText(
    `Corrects ${amendId!.slice(0, 8)}`,
  );
  await shot(page, "bulk-05-amended-desktop");

  // Against the chain: the old one is revoked; the correction verifies and names it. It stays
  // bound to the doctor's wallet that held the original: another wallet cannot claim it.
  expect((await verify(request, originalJwt)).codes.status).toBe("REVOKED");
  await statusOnChain(request, originalJwt, true);
  const token = newClaimUrl.split("#")[1]!;
  const offer = (await (await request.get(`/api/v1/claims/${token}`)).json()) as {
    nonce: string;
    audience: string;
  };
  const stranger = await request.post(`/api/v1/claims/${token}`, {
    data: { proof: await createProof(await generateHolderKey(), offer) },
  });
  expect(stranger.status()).toBe(403);
  const correctedJwt = await claim(request, newClaimUrl, doctor);
  expect(payloadOf(correctedJwt).vc.previous).toBe(`urn:uuid:${amendId}`);
  expect(await verify(request, correctedJwt)).toMatchObject({
    verified: true,
    codes: { status: "STATUS_ACTIVE", anchor: "ANCHOR_MATCH" },
  });
  await statusOnChain(request, correctedJwt, false);

  // Revoke another bulk credential from the registry.
  const [, revokeKey, , , revokeId, revokeLink] = rows[2]!;
  const revokeJwt = await claim(request, revokeLink!);
  await search.fill(revokeKey!);
  await search.press("Enter");
  const revokeRow = page.locator(`[data-credential-id="${revokeId}"]`);
  await revokeRow.getByTestId(testIds.issuer.revoke).click();
  await page.getByTestId(testIds.issuer.statusReason).fill("Licence surrendered");
  await page.getByTestId(testIds.issuer.confirmStatusChange).click();
  await expect(result).toContainText("anchored in transaction");
  await expect(revokeRow.getByTestId(testIds.issuer.rowStatus)).toHaveText("Revoked");
  expect((await verify(request, revokeJwt)).codes.status).toBe("REVOKED");
  // The transaction the console showed is the one that anchored the list as it is served now.
  const anchorTx = /anchored in transaction\s+(0x[0-9a-f]{64})/.exec(await result.innerText())?.[1];
  expect(anchorTx).toBeTruthy();
  const revokedOnChain = await statusOnChain(request, revokeJwt, true);
  const history = await revokedOnChain.history();
  expect(history.find((h) => h.version === revokedOnChain.anchor.version)?.txHash).toBe(anchorTx);

  // The audit log: one entry per bulk credential, anchored on demand from the console, verified
  // in the browser and here against anvil with our own reader.
  await page
    .getByTestId(testIds.issuer.consoleNav)
    .getByRole("link", { name: "Audit log" })
    .click();
  await page.getByTestId(testIds.issuer.auditAnchor).click();
  await page.getByTestId(testIds.issuer.auditVerify).click();
  const auditResult = page.getByTestId(testIds.issuer.auditVerifyResult);
  await expect(auditResult).toHaveAttribute("data-verified", "true");
  await expect(auditResult).toContainText("AUDIT_ANCHOR_MATCH");
  const exported = (await (
    await page.request.get(`/api/v1/issuers/${LICENSING}/audit-log/export`)
  ).json()) as {
    issuer: { did: string };
    entries: Array<{ action: string; hash: string; credentialId: string | null }>;
  };
  const bulkIds = new Set(rows.map((r) => r[4]));
  const issuedEntries = exported.entries.filter(
    (e) => e.action === "credential.issued" && bulkIds.has(e.credentialId ?? ""),
  );
  expect(issuedEntries).toHaveLength(ROWS - 3);
  const reader = await chainReader(request);
  const auditAnchor = await reader.latest(auditLogListKey(exported.issuer.did));
  expect(exported.entries.some((e) => e.hash === auditAnchor?.hash)).toBe(true);
  expect((await verifyAuditLog(exported, { ledger: reader })).verified).toBe(true);
  expect(JSON.stringify(exported)).not.toContain(`Dr Batch ${run}`);
  await page
    .getByTestId(testIds.issuer.consoleNav)
    .getByRole("link", { name: "Issue & registry" })
    .click();

  // Filters (within this run's doctors, other specs share the issuer): revoked shows the two
  // revoked ones; a date range before today shows none.
  await search.fill(`Batch ${run}`);
  await search.press("Enter");
  await page.getByTestId(testIds.issuer.registryStatus).selectOption("revoked");
  await expect(page.getByTestId(testIds.issuer.registryTotal)).toHaveAttribute("data-total", "2");
  await expect(page.getByTestId(testIds.issuer.credentialRow)).toHaveCount(2);
  await shot(page, "bulk-06-registry-revoked-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "bulk-06-registry-revoked-390");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId(testIds.issuer.registryStatus).selectOption("");
  await page.getByTestId(testIds.issuer.registryTo).fill("2020-01-01");
  await expect(page.getByText("No credential matches")).toBeVisible();
  await page.getByTestId(testIds.issuer.registryTo).fill("");
  await expect(page.getByTestId(testIds.issuer.registryTotal)).toHaveAttribute(
    "data-total",
    String(ROWS - 3 + 1),
  );
  await page.getByTestId(testIds.issuer.registryNext).click();
  await expect(page.getByTestId(testIds.issuer.registryTotal)).toContainText("26–50 of");
});
