// GET /api/v1/issuers/[slug]/audit-log/export — the whole audit log as JSON, for checking against the ledger (session or API key)
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { exportAuditLog } from "@/lib/issuance/audit-log";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async (req, ctx: { params: Promise<{ slug: string }> }) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug);
  const log = await exportAuditLog(svc, issuer);
  return NextResponse.json(log, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Disposition": `attachment; filename="${slug}-audit-log-${log.exportedAt.slice(0, 10)}.json"`,
    },
  });
});
