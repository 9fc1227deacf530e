// GET /api/v1/status-lists/[listId] — the latest anchored status list credential, byte for byte
import { z } from "zod";
import { handle, parseInput } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { servedVersion } from "@/lib/issuance/status-lists";

const listIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,128}$/, "not a status list id");

export const GET = handle(async (req, ctx: { params: Promise<{ listId: string }> }) => {
  const listId = parseInput(listIdSchema, (await ctx.params).listId, "Unknown status list.");
  const served = await servedVersion(await getServices(), listId);
  // The anchored hash covers exactly these bytes; the ETag lets caches revalidate cheaply.
  const etag = `"${served.hash.slice(2, 34)}-v${served.version}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag",
  };
  if (req.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  const accept = req.headers.get("accept") ?? "";
  const type =
    accept.includes("application/vc+jwt") || !accept.includes("text/plain")
      ? "application/vc+jwt"
      : "text/plain; charset=utf-8";
  return new Response(served.jwt, { status: 200, headers: { ...headers, "Content-Type": type } });
});
