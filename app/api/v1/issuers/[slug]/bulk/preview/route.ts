// POST /api/v1/issuers/[slug]/bulk/preview — check a CSV file: column mapping and per-row errors
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { previewBulkUpload } from "@/lib/issuance/bulk-jobs";
import { readBulkUpload } from "@/lib/issuance/read-bulk-upload";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };

export const POST = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug);
  const upload = await readBulkUpload(req);
  return NextResponse.json(previewBulkUpload(issuer, upload), {
    headers: { "Cache-Control": "no-store" },
  });
});
