// POST /api/v1/issuers/[slug]/bulk/jobs — issue a CSV file in the background (202 + the job)
// GET  /api/v1/issuers/[slug]/bulk/jobs — the issuer's recent bulk jobs with their progress
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { createBulkJob, listBulkJobs } from "@/lib/issuance/bulk-jobs";
import { readBulkUpload } from "@/lib/issuance/read-bulk-upload";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };

export const POST = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug);
  const upload = await readBulkUpload(req);
  return NextResponse.json(await createBulkJob(svc, issuer, upload, actor), { status: 202 });
});

export const GET = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug);
  return NextResponse.json(await listBulkJobs(svc, issuer), {
    headers: { "Cache-Control": "no-store" },
  });
});
