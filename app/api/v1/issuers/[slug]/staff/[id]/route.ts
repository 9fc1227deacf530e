// PATCH /api/v1/issuers/[slug]/staff/[id] — change a staff member's role, disable or enable (admin session)
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issuerSlugSchema, updateStaffBodySchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { updateStaff } from "@/lib/issuance/staff-accounts";

const paramsSchema = z.object({ slug: issuerSlugSchema, id: z.uuid("not a staff id") });

export const PATCH = handle(async (req, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = parseInput(paramsSchema, await ctx.params, "Unknown staff member.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug, { require: "admin" });
  const body = await parseJsonBody(req, updateStaffBodySchema);
  return NextResponse.json(await updateStaff(svc, issuer, actor, id, body));
});
