// POST /api/v1/issuers/[slug]/staff/[id]/reset-password — a new temporary password, shown once (admin session)
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { resetStaffPassword } from "@/lib/issuance/staff-accounts";

const paramsSchema = z.object({ slug: issuerSlugSchema, id: z.uuid("not a staff id") });

export const POST = handle(async (req, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = parseInput(paramsSchema, await ctx.params, "Unknown staff member.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug, { require: "admin" });
  return NextResponse.json(await resetStaffPassword(svc, issuer, actor, id), {
    headers: { "Cache-Control": "no-store" },
  });
});
