// POST /api/v1/issuers/[slug]/credentials — issue a credential (issuer API key)
// GET  /api/v1/issuers/[slug]/credentials — the issuer's most recent credentials (issuer API key)
import { NextResponse } from "next/server";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { authenticateIssuer } from "@/lib/issuance/authenticate-issuer";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { listIssuedCredentials } from "@/lib/issuance/list-issued-credentials";
import { issueCredentialBodySchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };

export const POST = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const issuer = await authenticateIssuer(svc, req.headers.get("authorization"), slug);
  const body = await parseJsonBody(req, issueCredentialBodySchema);
  return NextResponse.json(await issueCredential(svc, issuer, body), { status: 201 });
});

export const GET = handle(async (req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const svc = await getServices();
  const issuer = await authenticateIssuer(svc, req.headers.get("authorization"), slug);
  return NextResponse.json(await listIssuedCredentials(svc, issuer), {
    headers: { "Cache-Control": "no-store" },
  });
});
