// GET /vendor/zxing-reader.wasm
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The zxing-wasm reader binary, served from this origin. The package's default loads it from a
 * public CDN, which a hospital network (or this project's machines) may not reach, and which
 * would tell a third party every time a verifier opens the scanner. The file is read from the
 * installed package, so its version always matches the JavaScript that loads it.
 */
const wasmPath = path.join(
  process.cwd(),
  "node_modules",
  "zxing-wasm",
  "dist",
  "reader",
  "zxing_reader.wasm",
);

let cached: Promise<Buffer> | undefined;

export async function GET() {
  try {
    cached ??= readFile(wasmPath);
    const bytes = await cached;
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/wasm",
        // The URL carries the package version, so a new version is a new URL.
        "Cache-Control": "public, max-age=31536000, immutable",
      },
    });
  } catch {
    cached = undefined;
    return new Response("The QR reader is not installed on this server.", { status: 404 });
  }
}
