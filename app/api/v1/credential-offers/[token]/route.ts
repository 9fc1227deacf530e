// GET /api/v1/credential-offers/[token] — the OpenID4VCI credential offer behind a claim link
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { credentialOffer } from "@/lib/issuance/oid4vci/credential-offer";
import { claimTokenSchema } from "@/lib/issuance/schemas";
import { corsHeaders, corsPreflight } from "@/lib/issuance/oid4vci/oauth-error";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ token: string }> };

export const GET = handle(async (_req, ctx: Ctx) => {
  const token = parseInput(
    claimTokenSchema,
    (await ctx.params).token,
    "This credential offer is not valid.",
  );
  return NextResponse.json(await credentialOffer(await getServices(), token), {
    headers: { "Cache-Control": "no-store", ...corsHeaders },
  });
});

export const OPTIONS = corsPreflight;
