// POST /api/v1/issuers/[slug]/credentials — issue a credential (API key or console session)
// GET  /api/v1/issuers/[slug]/credentials — the issuer's credentials, newest first (API key or console session);
//      ?q= &type= &status= &issuedFrom= &issuedTo= &limit= &offset=, total in X-Total-Count
import { NextResponse } from "next/server";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { searchIssuedCredentials } from "@/lib/issuance/list-issued-credentials";
import {
  credentialSearchSchema,
  issueCredentialBodySchema,
  issuerSlugSchema,
} from "@/lib/issuance/schemas";
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
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const search = parseInput(credentialSearchSchema, params, "The search is not valid.");
  const page = await searchIssuedCredentials(svc, issuer, search);
  // Still a plain array, as before the search existed; the total travels in a header.
  return NextResponse.json(page.items, {
    headers: { "Cache-Control": "no-store", "X-Total-Count": String(page.total) },
  });
});
