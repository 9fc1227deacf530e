// GET /issuers/[slug]/did.json — the issuer's did:web document
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { didDocumentFor } from "@/lib/issuance/issuer-directory";
import { issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async (_req, ctx: { params: Promise<{ slug: string }> }) => {
  const slug = parseInput(issuerSlugSchema, (await ctx.params).slug, "Unknown issuer.");
  const doc = await didDocumentFor(await getServices(), slug);
  return NextResponse.json(doc, {
    headers: {
      "Content-Type": "application/did+json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
});
