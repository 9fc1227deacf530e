// GET /api/v1/oid4vci/[slug]/credential-issuer — OpenID4VCI credential issuer metadata
// (served at /.well-known/openid-credential-issuer/issuers/[slug], see next.config.js)
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { issuerMetadata } from "@/lib/issuance/oid4vci/issuer-metadata";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { corsHeaders, corsPreflight } from "@/lib/issuance/oid4vci/oauth-error";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ slug: string }> };

export const GET = handle(async (_req, ctx: Ctx) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Not an issuer.");
  return NextResponse.json(await issuerMetadata(await getServices(), slug), {
    headers: { "Cache-Control": "public, max-age=300", ...corsHeaders },
  });
});

export const OPTIONS = corsPreflight;
