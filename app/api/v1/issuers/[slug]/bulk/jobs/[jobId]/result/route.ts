// GET /api/v1/issuers/[slug]/bulk/jobs/[jobId]/result — the job's result CSV (a claim link per row)
import { z } from "zod";
import { handle, parseInput } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { bulkJobResultCsv } from "@/lib/issuance/bulk-jobs";
import { bulkJobIdSchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

const paramsSchema = z.object({ slug: issuerSlugSchema, jobId: bulkJobIdSchema });

export const GET = handle(
  async (req, ctx: { params: Promise<{ slug: string; jobId: string }> }) => {
    const { slug, jobId } = parseInput(paramsSchema, await ctx.params, "Unknown bulk job.");
    const svc = await getServices();
    const { issuer } = await authenticateRequest(svc, req.headers, slug);
    const { fileName, csv } = await bulkJobResultCsv(svc, issuer, jobId);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        // Claim links are secrets: never cached on the way.
        "Cache-Control": "no-store",
      },
    });
  },
);
