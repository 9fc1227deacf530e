// GET /api/v1/issuers/[slug]/audit-log?before=&limit= — the issuer's audit log, newest first (session or API key)
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { listAuditLog } from "@/lib/issuance/audit-log";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { auditLogQuerySchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async (req, ctx: { params: Promise<{ slug: string }> }) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const url = new URL(req.url);
  const query = parseInput(
    auditLogQuerySchema,
    Object.fromEntries(url.searchParams),
    "The query is not valid.",
  );
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug);
  return NextResponse.json(await listAuditLog(svc, issuer, query), {
    headers: { "Cache-Control": "no-store" },
  });
});
