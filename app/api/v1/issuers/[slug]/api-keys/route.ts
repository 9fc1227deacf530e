// GET  /api/v1/issuers/[slug]/api-keys — the issuer's API keys, without the keys (admin session)
// POST /api/v1/issuers/[slug]/api-keys — create a key; the answer is the only time it is shown (admin session)
import { NextResponse } from "next/server";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { createApiKey, listApiKeys } from "@/lib/issuance/api-keys";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { createApiKeyBodySchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };
const noStore = { "Cache-Control": "no-store" };

export const GET = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug, { require: "admin" });
  return NextResponse.json(await listApiKeys(svc, issuer), { headers: noStore });
});

export const POST = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug, { require: "admin" });
  const { label } = await parseJsonBody(req, createApiKeyBodySchema);
  return NextResponse.json(await createApiKey(svc, issuer, actor, label), {
    status: 201,
    headers: noStore,
  });
});
