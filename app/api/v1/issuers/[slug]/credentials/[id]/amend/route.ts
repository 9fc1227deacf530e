// POST /api/v1/issuers/[slug]/credentials/[id]/amend — issue a correction; the old one is superseded
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { amendCredential } from "@/lib/issuance/amend-credential";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { amendCredentialBodySchema, issuerSlugSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

const paramsSchema = z.object({ slug: issuerSlugSchema, id: z.uuid("not a credential id") });

export const POST = handle(async (req, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = parseInput(paramsSchema, await ctx.params, "Unknown credential.");
  const svc = await getServices();
  const { issuer, actor } = await authenticateRequest(svc, req.headers, slug);
  const body = await parseJsonBody(req, amendCredentialBodySchema);
  const amended = await amendCredential(svc, issuer, id, body, { actor });
  return NextResponse.json(
    {
      id: amended.id,
      jwt: amended.jwt,
      claimUrl: amended.claimUrl,
      credentialOfferUri: amended.credentialOfferUri,
      claimExpiresAt: amended.claimExpiresAt,
      status: amended.status,
      previous: amended.previous,
      superseded: {
        id: amended.superseded.id,
        status: "revoked",
        reason: "superseded",
        anchorState: amended.superseded.anchor.state,
        anchorTx: amended.superseded.anchor.anchorTx,
      },
    },
    { status: 201 },
  );
});
