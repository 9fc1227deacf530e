// POST /api/v1/issuers/[slug]/audit-log/anchor — anchor the audit log head on the ledger now (session or API key)
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { anchorAuditHead } from "@/lib/issuance/audit-log";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

export const POST = handle(async (req, ctx: { params: Promise<{ slug: string }> }) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug);
  return NextResponse.json({ anchor: await anchorAuditHead(svc, issuer) });
});
