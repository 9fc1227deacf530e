/**
 * Runs the verification race (../verify-throughput.ts) in Debian's Chromium, through
 * playwright-core. The universal core, did-jwt-vc and the race are bundled with esbuild as they
 * are (from node_modules, no network) and loaded into a page on Vitae's public origin
 * (https://vitae.test in the test stack, a secure context, so WebCrypto is there). Every request
 * the page makes is answered by Node:
 *
 * - the issuer's DID document and status lists: by `localSourcesFetch`, the very bytes Vitae
 *   serves at those URLs, read from PGlite;
 * - the ledger: the page's viem client posts JSON-RPC to `/__rpc`, relayed to the real anvil
 *   unchanged (a page on a public origin may not call a loopback RPC endpoint directly).
 *
 * So the browser verifies against real sources, at the cost of a Playwright round trip per
 * request; with a verification context that is a handful of requests per run of 1,000.
 */
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DIDDocument } from "did-resolver";
import { chromiumExecutable } from "@/e2e/fixtures/chromium";
import type { LedgerConfig } from "@/lib/ledger/reader";
import type { TrustSnapshot } from "@/lib/trust/schemas";
import type { ThroughputFigures } from "../verify-throughput";
import type { PageInput } from "./verify-page.entry";

const entry = fileURLToPath(new URL("./verify-page.entry.ts", import.meta.url));
const tsconfig = fileURLToPath(new URL("../../../tsconfig.json", import.meta.url));

/** The flags playwright.config.ts gives Chromium for the e2e suite. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type ChromiumRunInput = {
  /** Vitae's public origin: the page is served from it, so its URLs are same-origin. */
  publicUrl: string;
  /** Answers the page's requests for DID documents and status lists. */
  sources: typeof fetch;
  ledger: LedgerConfig;
  jwts: string[];
  batch: number;
  rounds: number;
  didDocument: DIDDocument;
  trust: TrustSnapshot;
};

export type ChromiumFigures = ThroughputFigures & { bundleBytes: number; version: string };

type BenchWindow = { vitaeBench: { runInPage: (input: PageInput) => Promise<ThroughputFigures> } };

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: !process.env.BENCH_CPU_PROFILE,
    tsconfig,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export async function runInChromium(input: ChromiumRunInput): Promise<ChromiumFigures> {
  const executablePath = chromiumExecutable();
  if (!executablePath) {
    throw new Error(
      "No Chromium at /usr/bin/chromium (or PLAYWRIGHT_CHROMIUM_EXECUTABLE): apt-get install -y chromium.",
    );
  }
  const script = await bundle();
  const origin = new URL(input.publicUrl).origin;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.route(`${origin}/**`, async (route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      if (pathname === "/__bench") {
        return route.fulfill({
          contentType: "text/html",
          body:
            "<!doctype html><title>Vitae verification bench</title>" +
            '<script type="module">import { runInPage } from "/__bench.mjs";' +
            "window.vitaeBench = { runInPage };</script>",
        });
      }
      if (pathname === "/__bench.mjs") {
        return route.fulfill({ contentType: "text/javascript", body: script });
      }
      const res =
        pathname === "/__rpc"
          ? await fetch(input.ledger.rpcUrl, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: request.postData() ?? "",
            })
          : await input.sources(request.url(), { headers: await request.allHeaders() });
      return route.fulfill({
        status: res.status,
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        body: Buffer.from(await res.arrayBuffer()),
      });
    });
    await page.goto(`${origin}/__bench`);
    await page.waitForFunction(() => "vitaeBench" in window);
    const pageInput: PageInput = {
      jwts: input.jwts,
      batch: input.batch,
      rounds: input.rounds,
      didDocument: input.didDocument,
      trust: input.trust,
      ledger: { ...input.ledger, rpcUrl: `${origin}/__rpc` },
    };
    // BENCH_CPU_PROFILE=file.cpuprofile records the page's run for Chrome DevTools.
    const profileTo = process.env.BENCH_CPU_PROFILE;
    const cdp = profileTo ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    const figures = await page.evaluate(
      (arg) => (window as unknown as BenchWindow).vitaeBench.runInPage(arg),
      pageInput,
    );
    if (cdp && profileTo) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(profileTo, JSON.stringify(profile));
    }
    if (errors.length > 0) throw new Error(`The bench page failed: ${errors.join("; ")}`);
    return { ...figures, bundleBytes: script.length, version: browser.version() };
  } finally {
    await browser.close();
  }
}
