// GET /api/v1/issuers/[slug]/bulk/jobs/[jobId] — a bulk job's progress
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { getBulkJob } from "@/lib/issuance/bulk-jobs";
import { bulkJobIdSchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

const paramsSchema = z.object({ slug: issuerSlugSchema, jobId: bulkJobIdSchema });

export const GET = handle(
  async (req, ctx: { params: Promise<{ slug: string; jobId: string }> }) => {
    const { slug, jobId } = parseInput(paramsSchema, await ctx.params, "Unknown bulk job.");
    const svc = await getServices();
    const { issuer } = await authenticateRequest(svc, req.headers, slug);
    return NextResponse.json(await getBulkJob(svc, issuer, jobId), {
      headers: { "Cache-Control": "no-store" },
    });
  },
);
