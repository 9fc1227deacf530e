/**
 * Serves the roster bench page from a plain HTTP server on localhost (a secure context, and an
 * origin did:web may use over http) and drives it with playwright-core in Debian's Chromium.
 * The roster Web Worker and the page script are bundled with esbuild from the sources as they
 * are; every other request the worker makes (DID documents, status lists, JSON-RPC relayed to
 * anvil) is answered by `handle`, the bench's own little issuer origin.
 */
import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { chromiumExecutable } from "@/e2e/fixtures/chromium";
import type { RosterPageFigures, RosterPageInput } from "./roster-page.entry";

const root = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function bundle(entry: string, format: "esm" | "iife" = "esm"): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format,
    platform: "browser",
    target: "es2022",
    // BENCH_CPU_PROFILE: readable names in the recorded profile.
    minify: !process.env.BENCH_CPU_PROFILE,
    tsconfig: root("../../../tsconfig.json"),
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export type Responder = (
  path: string,
  req: IncomingMessage,
  body: Buffer,
) => Promise<{
  status: number;
  type: string;
  body: string | Buffer;
} | null>;

/** Starts the origin; `handle` answers everything but the page and its scripts. */
export async function startBenchOrigin(port: number, handle: Responder) {
  const [page, worker, profile] = await Promise.all([
    bundle(root("./roster-page.entry.ts")),
    bundle(root("../../../components/verification/roster/roster-worker.ts")),
    process.env.BENCH_CPU_PROFILE ? bundle(root("./roster-profile.entry.ts")) : "",
  ]);
  const statics: Record<string, { type: string; body: string }> = {
    "/__roster-bench": {
      type: "text/html",
      body:
        "<!doctype html><title>Vitae roster bench</title>" +
        '<script type="module">import { runRosterBench } from "/__roster-page.mjs";' +
        "window.vitaeRosterBench = runRosterBench;</script>",
    },
    "/__roster-page.mjs": { type: "text/javascript", body: page },
    "/__roster-worker.mjs": { type: "text/javascript", body: worker },
    "/__roster-profile.mjs": { type: "text/javascript", body: profile },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const fixed = statics[path];
      const reply = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
        res.end(body);
      };
      if (fixed) return reply(200, fixed.type, fixed.body);
      handle(path, req, Buffer.concat(chunks)).then(
        (r) => (r ? reply(r.status, r.type, r.body) : reply(404, "text/plain", "not found")),
        (e: unknown) => reply(500, "text/plain", String(e)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    workerBytes: worker.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function runRosterInChromium(
  origin: string,
  input: RosterPageInput,
): Promise<RosterPageFigures & { version: string }> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new Error("No Chromium at /usr/bin/chromium.");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${origin}/__roster-bench`);
    await page.waitForFunction(() => "vitaeRosterBench" in window);
    const figures = await page.evaluate(
      (arg) =>
        (
          window as unknown as {
            vitaeRosterBench: (i: RosterPageInput) => Promise<RosterPageFigures>;
          }
        ).vitaeRosterBench(arg),
      input,
    );
    if (errors.length > 0) throw new Error(`The roster bench page failed: ${errors.join("; ")}`);
    // BENCH_CPU_PROFILE=file.cpuprofile: after the timed runs, records one roster verification
    // run on the page's main thread (the worker's code, the worker's deps) for Chrome DevTools.
    const profileTo = process.env.BENCH_CPU_PROFILE;
    if (profileTo) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      const profileRun = (arg: RosterPageInput) =>
        import("/__roster-profile.mjs" as string).then(
          (m: { profileRoster: (i: RosterPageInput) => Promise<number> }) => m.profileRoster(arg),
        );
      await page.evaluate(profileRun, input); // warm-up, unrecorded
      await cdp.send("Profiler.start");
      await page.evaluate(profileRun, input);
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(profileTo, JSON.stringify(profile));
    }
    return { ...figures, version: browser.version() };
  } finally {
    await browser.close();
  }
}
