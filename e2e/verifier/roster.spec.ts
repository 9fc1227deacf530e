import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { rosterCsv } from "@/components/verification/roster/roster-csv";
import { compactCredential } from "@/lib/credentials/compact-credential";
import { testIds } from "@/lib/test-ids";
import { expectAccessible } from "../fixtures/accessibility";
import { demoApiKey, HOSPITAL, LICENSING } from "../fixtures/demo";

/**
 * A 2,000-row roster on the real stack: credentials issued through the issuer API, some revoked
 * through it (anchored on the real chain), some tampered, some given as offline QR text; verified
 * in the page's Web Worker. The counts, the filters and the exported CSV are checked.
 */

const ROWS = 2000;
const REVOKED = 60;
const TAMPERED = 40;
const HOSPITAL_ROWS = 200;
const QR_ROWS = 25;

type Issued = { id: string; jwt: string };

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });

async function issueMany(
  request: APIRequestContext,
  slug: string,
  count: number,
  body: (i: number) => unknown,
): Promise<Issued[]> {
  const out: Issued[] = new Array<Issued>(count);
  await inLanes(count, 8, async (i) => {
    const res = await request.post(`/api/v1/issuers/${slug}/credentials`, {
      headers: { Authorization: `Bearer ${demoApiKey(slug)}` },
      data: body(i),
    });
    if (res.status() !== 201) throw new Error(`issue ${i}: ${res.status()} ${await res.text()}`);
    out[i] = (await res.json()) as Issued;
  });
  return out;
}

/** Runs `task(0 … count-1)` with at most `lanes` in flight. */
async function inLanes(count: number, lanes: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** Edits the doctor's name and keeps the issuer's signature: it no longer matches. */
function tamper(jwt: string): string {
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as {
    vc: { credentialSubject: { name: string } };
  };
  payload.vc.credentialSubject.name += " (edited)";
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
}

const year = new Date().getUTCFullYear() + 2;
const licence = (i: number) => ({
  type: "MedicalLicenseCredential",
  subject: {
    name: `Dr Roster ${String(i).padStart(4, "0")}`,
    licenseNumber: `EL-RS-${i}`,
    jurisdiction: "Eastland",
    scope: "General registration",
  },
  validUntil: `${year}-06-30`,
});
const privileges = (i: number) => ({
  type: "ClinicalPrivilegesCredential",
  subject: {
    name: `Dr Ward ${String(i).padStart(4, "0")}`,
    facility: "St Aurelia General Hospital",
    department: "Cardiology",
    role: "Consultant cardiologist",
    procedures: [{ code: "33367005", label: "Coronary angiography" }],
    period: { start: "2025-01-01", end: `${year}-12-31` },
  },
});

type Expected = { reference: string; credential: string; verdict: string; code: string };

test("a 2,000-row roster: counts, filters and the exported CSV", async ({ page, request }) => {
  test.setTimeout(600_000);
  const [licences, hospital] = await Promise.all([
    issueMany(request, LICENSING, ROWS - HOSPITAL_ROWS - TAMPERED, licence),
    issueMany(request, HOSPITAL, HOSPITAL_ROWS, privileges),
  ]);

  // Revoke through the real issuer API, several at once (the anchoring worker batches changes
  // waiting on the same list); each answer says the new list version is on the chain.
  const revoked = licences.slice(0, REVOKED);
  await inLanes(revoked.length, 8, async (i) => {
    const res = await request.post(
      `/api/v1/issuers/${LICENSING}/credentials/${revoked[i]!.id}/revoke`,
      {
        headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
        data: { reason: "Roster test" },
      },
    );
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { anchorState: string }).anchorState).toBe("anchored");
  });

  const expected: Expected[] = [];
  licences.forEach((c, i) => {
    const isRevoked = i < REVOKED;
    const asQr = !isRevoked && i < REVOKED + QR_ROWS;
    expected.push({
      reference: `L-${i}`,
      credential: asQr ? compactCredential.encode(c.jwt)! : c.jwt,
      verdict: isRevoked ? "Not valid" : "Valid",
      code: isRevoked ? "REVOKED" : "VERIFIED",
    });
  });
  hospital.forEach((c, i) =>
    expected.push({ reference: `H-${i}`, credential: c.jwt, verdict: "Valid", code: "VERIFIED" }),
  );
  licences.slice(-TAMPERED).forEach((c, i) =>
    expected.push({
      reference: `T-${i}`,
      credential: tamper(c.jwt),
      verdict: "Not valid",
      code: "SIGNATURE_INVALID",
    }),
  );
  // Shuffle deterministically, so verdicts are interleaved as in a real staff list.
  for (let i = expected.length - 1, seed = 7; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [expected[i], expected[j]] = [expected[j]!, expected[i]!];
  }
  expect(expected).toHaveLength(ROWS);
  const csv = rosterCsv.stringify([
    ["reference", "credential"],
    ...expected.map((e) => [e.reference, e.credential]),
  ]);

  await page.goto("/verify");
  await page.getByRole("link", { name: /Verify a roster/ }).click();
  await expect(page).toHaveURL(/\/verify\/roster$/);
  await expect(page.getByText("No roster verified yet")).toBeVisible();
  await expect(page.getByTestId(testIds.roster.file)).toBeEnabled();
  await shot(page, "roster-01-empty-desktop");

  // A file over the limit is refused whole: nothing is verified.
  const tooMany = JSON.stringify(Array.from({ length: 10_001 }, () => expected[0]!.credential));
  await page.getByTestId(testIds.roster.file).setInputFiles({
    name: "too-many.json",
    mimeType: "application/json",
    buffer: Buffer.from(tooMany),
  });
  const fileError = page.getByTestId(testIds.roster.fileError);
  await expect(fileError).toContainText("10,001 entries");
  await expect(fileError).toContainText("ROSTER_TOO_MANY_ENTRIES");
  await expect(page.getByTestId(testIds.roster.table)).toHaveCount(0);
  await page.getByTestId(testIds.roster.file).setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('[{"credential": '),
  });
  await expect(fileError).toContainText("ROSTER_INVALID_JSON");
  await shot(page, "roster-02-rejected-desktop");

  // The roster itself.
  await page.getByTestId(testIds.roster.file).setInputFiles({
    name: "staff-roster.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  const state = page.getByTestId(testIds.roster.runState);
  await expect(state).toHaveAttribute("data-phase", "done", { timeout: 120_000 });
  const count = (verdict: string) =>
    page.locator(`[data-testid="${testIds.roster.count}"][data-verdict="${verdict}"]`);
  await expect(count("all")).toHaveAttribute("data-count", String(ROWS));
  await expect(count("valid")).toHaveAttribute("data-count", String(ROWS - REVOKED - TAMPERED));
  await expect(count("invalid")).toHaveAttribute("data-count", String(REVOKED + TAMPERED));
  await expect(count("unknown")).toHaveAttribute("data-count", "0");
  await expect(page.getByTestId(testIds.roster.progress)).toHaveAttribute(
    "data-done",
    String(ROWS),
  );
  // Per issuer one DID document and two lists (revocation, suspension), one anchor read per
  // list: sources are read once for the whole roster, not per row.
  await expect(state).toContainText("6 web requests");
  await expect(state).toContainText("4 ledger reads");
  console.log(`roster: ${(await state.locator("p").first().innerText()).replace(/\s+/g, " ")}`);
  await expect(page.getByTestId(testIds.roster.row)).toHaveCount(50);
  await expectAccessible(page, "a roster's results");
  await shot(page, "roster-03-results-desktop");
  await page.getByTestId(testIds.roster.summary).scrollIntoViewIfNeeded();
  await shot(page, "roster-03-results-desktop-viewport", false);

  // Filters: verdict, issuer, type and text search.
  await page.getByTestId(testIds.roster.verdictFilter).selectOption("invalid");
  await expect(page.getByTestId(testIds.roster.shown)).toHaveText(
    `${REVOKED + TAMPERED} of 2,000 rows match`,
  );
  await expect(
    page.locator(`[data-testid="${testIds.roster.row}"][data-verdict="valid"]`),
  ).toHaveCount(0);
  await page.getByTestId(testIds.roster.search).fill("SIGNATURE_INVALID");
  await expect(page.getByTestId(testIds.roster.shown)).toHaveText(
    `${TAMPERED} of 2,000 rows match`,
  );
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page
    .getByTestId(testIds.roster.issuerFilter)
    .selectOption({ label: "St Aurelia General Hospital" });
  await expect(page.getByTestId(testIds.roster.shown)).toHaveText(
    `${HOSPITAL_ROWS} of 2,000 rows match`,
  );
  await page.getByTestId(testIds.roster.issuerFilter).selectOption("all");
  await page.getByTestId(testIds.roster.typeFilter).selectOption("Medical licence");
  await expect(page.getByTestId(testIds.roster.shown)).toHaveText(
    `${(ROWS - HOSPITAL_ROWS).toLocaleString("en-GB")} of 2,000 rows match`,
  );
  await page.getByTestId(testIds.roster.typeFilter).selectOption("all");
  await page.getByTestId(testIds.roster.search).fill("Dr Roster 0007");
  await expect(page.getByTestId(testIds.roster.row)).toHaveCount(1);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId(testIds.roster.shown)).toHaveText("2,000 rows");

  // Export every row and check each line against what was uploaded.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testIds.roster.export).click(),
  ]);
  expect(download.suggestedFilename()).toBe("staff-roster-verification.csv");
  const parsed = rosterCsv.parse(readFileSync((await download.path())!, "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  const [header, ...lines] = parsed.rows;
  expect(header).toEqual([
    "row",
    "reference",
    "verdict",
    "code",
    "message",
    "subject_name",
    "credential_type",
    "issuer_name",
    "issuer_did",
    "status",
    "credential_id",
    "valid_until",
    "kind",
  ]);
  // One comparison for the whole file: Playwright's expect records a step per call, and 12,000
  // of them took a minute.
  expect(lines.map((line) => line.slice(0, 4))).toEqual(
    expected.map((e, i) => [String(i + 1), e.reference, e.verdict, e.code]),
  );
  const wrong = lines.filter((line, i) => {
    const e = expected[i]!;
    if (line[4]!.length <= 10) return true;
    if (e.code === "REVOKED") return line[9] !== "revoked";
    if (e.code === "VERIFIED") {
      return line[9] !== "active" || !/^Dr (Roster|Ward) \d{4}$/.test(line[5] ?? "");
    }
    return false;
  });
  expect(wrong).toEqual([]);

  // 390 px: the page still works; the table scrolls inside its own frame.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId(testIds.roster.verdictFilter).selectOption("invalid");
  await expect(page.getByTestId(testIds.roster.card).first()).toBeVisible();
  await expect(page.getByTestId(testIds.roster.table)).toBeHidden();
  await shot(page, "roster-04-results-390");
  await page.getByTestId(testIds.roster.card).first().scrollIntoViewIfNeeded();
  await shot(page, "roster-04-results-390-viewport", false);
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("Cancel stops the worker: no further rows arrive", async ({ page, context, request }) => {
  const [one] = await issueMany(request, LICENSING, 1, licence);
  // Hold the status list, so the run is mid-way when Cancel is pressed.
  await context.route("**/api/v1/status-lists/**", async (route) => {
    await new Promise((r) => setTimeout(r, 4_000));
    await route.continue().catch(() => undefined);
  });
  await page.goto("/verify/roster");
  // The file input opens once the trust registry is read (it is disabled until then).
  await expect(page.getByTestId(testIds.roster.file)).toBeEnabled();
  const lines = Array.from({ length: 5000 }, () => one!.jwt).join("\n");
  await page.getByTestId(testIds.roster.file).setInputFiles({
    name: "hold.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines),
  });
  const state = page.getByTestId(testIds.roster.runState);
  await expect(state).toHaveAttribute("data-phase", "verifying");
  await shot(page, "roster-05-running-desktop");
  await page.getByTestId(testIds.roster.cancel).click();
  await expect(state).toHaveAttribute("data-phase", "cancelled");
  const done = await page.getByTestId(testIds.roster.progress).getAttribute("data-done");
  await page.waitForTimeout(5_000);
  await expect(state).toHaveAttribute("data-phase", "cancelled");
  await expect(page.getByTestId(testIds.roster.progress)).toHaveAttribute("data-done", done!);
  expect(Number(done)).toBeLessThan(5000);
  await expect(state).toContainText("Cancelled after");
});
