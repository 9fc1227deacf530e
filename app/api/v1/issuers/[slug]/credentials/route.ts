// POST /api/v1/issuers/[slug]/credentials — issue a credential (API key or console session)
// GET  /api/v1/issuers/[slug]/credentials — the issuer's most recent credentials (API key or console session)
import { NextResponse } from "next/server";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { listIssuedCredentials } from "@/lib/issuance/list-issued-credentials";
import { issueCredentialBodySchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };

export const POST = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug);
  const body = await parseJsonBody(req, issueCredentialBodySchema);
  return NextResponse.json(await issueCredential(svc, issuer, body, new Date(), actor), {
    status: 201,
  });
});

export const GET = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const { issuer } = await authenticateRequest(svc, req.headers, slug);
  return NextResponse.json(await listIssuedCredentials(svc, issuer), {
    headers: { "Cache-Control": "no-store" },
  });
});
