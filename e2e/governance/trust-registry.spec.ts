import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import path from "node:path";
import { testIds } from "@/lib/test-ids";
import { demoApiKey, governanceApiKey, licence, LICENSING } from "../fixtures/demo";

/**
 * The on-chain trust registry: the governance API and console write it, the public page and every
 * verifier read it from the chain. Real stack: anvil with the IssuerRegistry, PGlite, Next.js.
 */

const shots = (name: string) => path.join("test-results", "screenshots", `${name}.png`);
const governance = () => ({ Authorization: `Bearer ${governanceApiKey()}` });

type Snapshot = {
  state: string;
  registry: { chainId: number; address: string };
  governance: string;
  issuers: Array<{
    did: string;
    name: string;
    credentialTypes: string[];
    validFrom: string;
    validUntil: string;
    withdrawnAt: string | null;
  }>;
};

async function registry(request: APIRequestContext): Promise<Snapshot> {
  const res = await request.get("/api/v1/trust-registry");
  expect(res.status()).toBe(200);
  return (await res.json()) as Snapshot;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: shots(name), fullPage: true });
}

test.describe("trust registry API", () => {
  test("the dev seed accredits the demo issuers on chain, at the address /api/v1/ledger names", async ({
    request,
  }) => {
    const snapshot = await registry(request);
    expect(snapshot.state).toBe("read");
    const ledger = (await (await request.get("/api/v1/ledger")).json()) as {
      registryAddress: string;
    };
    expect(snapshot.registry.address.toLowerCase()).toBe(ledger.registryAddress.toLowerCase());
    expect(snapshot.issuers.map((i) => i.name).sort()).toEqual([
      "Eastland Medical Licensing Authority",
      "Northbridge University School of Medicine",
      "St Aurelia General Hospital",
    ]);
    expect(snapshot.issuers.every((i) => i.withdrawnAt === null)).toBe(true);
    // GET /api/v1/issuers keeps its old shape for outside tools
    const directory = (await (await request.get("/api/v1/issuers")).json()) as Array<object>;
    expect(Object.keys(directory[0]!).sort()).toEqual(["credentialTypes", "did", "name", "slug"]);
  });

  test("governance writes need the key and valid input", async ({ request }) => {
    const body = {
      did: "did:web:nobody.example",
      name: "Nobody Clinic",
      credentialTypes: ["CompetencyCredential"],
      validFrom: "2026-01-01",
      validUntil: "2031-01-01",
    };
    const anonymous = await request.post("/api/v1/governance/accreditations", { data: body });
    expect(anonymous.status()).toBe(401);
    const wrong = await request.post("/api/v1/governance/accreditations", {
      headers: { Authorization: "Bearer not-the-governance-key" },
      data: body,
    });
    expect(wrong.status()).toBe(401);
    // an issuer's key is not a governance key
    const issuerKey = await request.post("/api/v1/governance/withdrawals", {
      headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
      data: { did: body.did },
    });
    expect(issuerKey.status()).toBe(401);

    const invalid = await request.post("/api/v1/governance/accreditations", {
      headers: governance(),
      data: { ...body, did: "nobody", credentialTypes: [], validUntil: "2020-01-01" },
    });
    expect(invalid.status()).toBe(400);
    const error = (await invalid.json()) as {
      error: { code: string; fields: Record<string, string[]> };
    };
    expect(error.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.error.fields).sort()).toEqual([
      "credentialTypes",
      "did",
      "validUntil",
    ]);

    const unknown = await request.post("/api/v1/governance/withdrawals", {
      headers: governance(),
      data: { did: body.did },
    });
    expect(unknown.status()).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      "has never been accredited",
    );
  });

  test("withdrawing and re-accrediting the issuer is seen by POST /api/v1/verify at once", async ({
    request,
  }) => {
    const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
      data: licence(),
    });
    expect(issued.status()).toBe(201);
    const { jwt } = (await issued.json()) as { jwt: string };
    const trust = async () => {
      const res = await request.post("/api/v1/verify", { data: { credential: jwt } });
      const body = (await res.json()) as {
        verified: boolean;
        checks: Array<{ id: string; ok: boolean | null; code: string; message: string }>;
      };
      return { verified: body.verified, ...body.checks.find((c) => c.id === "trust")! };
    };
    expect(await trust()).toMatchObject({ verified: true, code: "TRUST_ACCREDITED" });

    const entry = (await registry(request)).issuers.find(
      (i) => i.name === "Eastland Medical Licensing Authority",
    )!;
    const withdrawn = await request.post("/api/v1/governance/withdrawals", {
      headers: governance(),
      data: { did: entry.did, reason: "NON_COMPLIANCE" },
    });
    try {
      expect(withdrawn.status()).toBe(200);
      const change = (await withdrawn.json()) as { txHash: string; at: string };
      expect(change.txHash).toMatch(/^0x[0-9a-f]{64}$/);
      const after = await trust();
      expect(after).toMatchObject({ verified: false, ok: false, code: "ACCREDITATION_WITHDRAWN" });
      expect(after.message).toContain(`withdrawn on ${change.at.slice(0, 10)}`);
    } finally {
      // restore the seed for the specs that follow
      const restored = await request.post("/api/v1/governance/accreditations", {
        headers: governance(),
        data: {
          did: entry.did,
          name: entry.name,
          credentialTypes: entry.credentialTypes,
          validFrom: entry.validFrom,
          validUntil: entry.validUntil,
        },
      });
      expect(restored.status()).toBe(201);
    }
    expect(await trust()).toMatchObject({ verified: true, code: "TRUST_ACCREDITED" });
  });
});

test.describe("governance console and public registry page", () => {
  const clinic = {
    did: `did:web:harbour-valley-${Date.now() % 100_000}.example`,
    name: "Harbour Valley Clinic",
  };

  test("the authority accredits and withdraws an issuer; the public page shows it", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/governance");
    await expect(
      page.getByRole("heading", { name: "Accreditation authority", exact: true }),
    ).toBeVisible();
    await shot(page, "governance-sign-in");

    // a wrong key is refused with the server's reason
    await page.getByTestId(testIds.governance.apiKeyInput).fill("not-the-governance-key");
    await page.getByTestId(testIds.governance.signIn).click();
    await expect(page.getByTestId(testIds.governance.signInError)).toContainText(
      "The governance API key is not valid.",
    );

    await page.getByTestId(testIds.governance.apiKeyInput).fill(governanceApiKey());
    await page.getByTestId(testIds.governance.signIn).click();
    const entries = page.getByTestId(testIds.registry.entry);
    await expect(entries).toHaveCount(3);
    await expect(page.getByText(/^Signing as 0x/)).toBeVisible();

    // inline validation before anything is sent
    const form = page.getByTestId(testIds.governance.accreditForm);
    await form.getByLabel("Issuer DID").fill("harbour valley");
    await page.getByTestId(testIds.governance.accreditSubmit).click();
    await expect(form.getByText("Must be a DID, e.g. did:key:z6Mk…")).toBeVisible();
    await expect(form.getByText("Enter the institution's name.")).toBeVisible();
    await expect(form.getByText("Choose at least one credential type.")).toBeVisible();
    await expect(form.getByLabel("Issuer DID")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "governance-validation");

    await form.getByLabel("Issuer DID").fill(clinic.did);
    await form.getByLabel("Institution name").fill(clinic.name);
    await form.getByLabel("Clinical privileges").check();
    await form.getByLabel("Competency").check();
    await page.getByTestId(testIds.governance.accreditSubmit).click();
    const result = page.getByTestId(testIds.governance.result);
    await expect(result).toContainText(`${clinic.name} accredited`);
    await expect(page.getByTestId(testIds.governance.txHash)).toHaveText(/^0x[0-9a-f]{64}$/);
    const row = entries.filter({ hasText: clinic.name });
    await expect(row).toHaveAttribute("data-standing", "accredited");
    await shot(page, "governance-accredited");

    // withdraw, behind a confirmation, with a coded reason
    await row.getByTestId(testIds.governance.withdraw).click();
    const dialog = page.getByTestId(testIds.governance.withdrawDialog);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(clinic.did);
    await dialog.getByTestId(testIds.governance.withdrawReason).selectOption("INSTITUTION_CLOSED");
    await shot(page, "governance-withdraw-dialog");
    await dialog.getByTestId(testIds.governance.confirmWithdraw).click();
    await expect(dialog).toBeHidden();
    await expect(result).toContainText(`Accreditation of ${clinic.name} withdrawn`);
    await expect(page.getByTestId(testIds.governance.txHash)).toHaveText(/^0x[0-9a-f]{64}$/);
    await expect(row).toHaveAttribute("data-standing", "withdrawn");
    await expect(row).toContainText("Institution closed or merged");

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "governance-mobile");

    // the public page, read from the chain by this browser
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/registry");
    const publicRow = page.getByTestId(testIds.registry.entry).filter({ hasText: clinic.name });
    await expect(publicRow).toHaveAttribute("data-standing", "withdrawn");
    await expect(publicRow).toContainText("since");
    await expect(page.getByTestId(testIds.registry.entry)).toHaveCount(4);
    await expect(page.getByText("3 accredited · 1 not in force")).toBeVisible();
    await expect(page.getByTestId(testIds.registry.address)).toHaveText(/^0x[0-9a-fA-F]{40}$/);
    const events = page.getByTestId(testIds.registry.event);
    await expect(events.first()).toHaveAttribute("data-kind", "withdrawn");
    await expect(events.first()).toContainText(clinic.name);
    await expect(
      page.locator('[data-kind="accredited"]').filter({ hasText: clinic.name }),
    ).toHaveCount(1);
    await shot(page, "registry-public");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "registry-public-mobile");
    // nothing overflows sideways at 390 px
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
