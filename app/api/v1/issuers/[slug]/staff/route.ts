// GET  /api/v1/issuers/[slug]/staff — the issuer's staff accounts (admin session)
// POST /api/v1/issuers/[slug]/staff — add a staff member with a temporary password (admin session)
import { NextResponse } from "next/server";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { createStaffBodySchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { createStaff, listStaff } from "@/lib/issuance/staff-accounts";

type Ctx = { params: Promise<{ slug: string }> };
const noStore = { "Cache-Control": "no-store" };

export const GET = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug, { require: "admin" });
  return NextResponse.json(await listStaff(svc, issuer), { headers: noStore });
});

export const POST = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug, { require: "admin" });
  const body = await parseJsonBody(req, createStaffBodySchema);
  return NextResponse.json(await createStaff(svc, issuer, actor, body), {
    status: 201,
    headers: noStore,
  });
});
