import { expect, test } from "@playwright/test";
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as StrictSuite from "@/lib/credentials/__fixtures__/strict-cases";

/**
 * The strict suite in real Chromium. The universal core and the case table are bundled once as
 * they are (esbuild, from node_modules, no network). Chromium loads the bundle from a made-up
 * https origin (a secure context, so WebCrypto is there) and runs every case; Node imports the
 * very same bundle and runs it too. Every case must meet its expected code in Chromium, and both
 * runtimes must report exactly the same checks, so the browser verifier and POST /api/v1/verify
 * cannot drift apart on any of them.
 */

const ORIGIN = "https://strict-suite.test";
const entry = fileURLToPath(new URL("./strict-suite.entry.ts", import.meta.url));
const tsconfig = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

type Suite = typeof StrictSuite;
type StrictWindow = { vitaeStrict: Pick<Suite, "runStrictSuite"> };

test("the strict suite reports the same codes in Chromium and in Node", async ({ page }) => {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    tsconfig,
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  const dir = mkdtempSync(path.join(tmpdir(), "vitae-strict-"));
  let suite: Suite;
  try {
    const file = path.join(dir, "suite.mjs");
    writeFileSync(file, script);
    suite = (await import(pathToFileURL(file).href)) as Suite;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.route(`${ORIGIN}/**`, (route) =>
    new URL(route.request().url()).pathname === "/suite.mjs"
      ? route.fulfill({ contentType: "text/javascript", body: script })
      : route.fulfill({
          contentType: "text/html",
          body:
            "<!doctype html><title>strict suite</title>" +
            '<script type="module">import { runStrictSuite } from "/suite.mjs";' +
            "window.vitaeStrict = { runStrictSuite };</script>",
        }),
  );
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => "vitaeStrict" in window);
  expect(await page.evaluate(() => isSecureContext)).toBe(true);

  const inChromium = await page.evaluate(() =>
    (window as unknown as StrictWindow).vitaeStrict.runStrictSuite(),
  );
  const inNode = await suite.runStrictSuite();
  expect(errors).toEqual([]);

  expect(inChromium.map((r) => r.name)).toEqual(suite.strictCases.map((c) => c.name));
  const unmet = inChromium
    .map((r) => ({ name: r.name, why: suite.mismatch(r) }))
    .filter((r) => r.why !== null);
  expect(unmet).toEqual([]);
  // Same verdict and the very same checks, in the same order, for every case.
  expect(inChromium.map(({ name, verified, checks }) => ({ name, verified, checks }))).toEqual(
    inNode.map(({ name, verified, checks }) => ({ name, verified, checks })),
  );
  console.log(`strict suite: ${inChromium.length} cases, identical in Chromium and Node`);
});
