// GET  /api/v1/claims/[token] — the offer behind a one-time claim link, with a fresh nonce
// POST /api/v1/claims/[token] — redeem it with the wallet's proof of possession
import { NextResponse } from "next/server";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { getClaimOffer, redeemClaim } from "@/lib/issuance/claim-credential";
import { claimBodySchema, claimTokenSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

type Ctx = { params: Promise<{ token: string }> };
const noStore = { headers: { "Cache-Control": "no-store" } };

export const GET = handle(async (_req, ctx: Ctx) => {
  const token = parseInput(
    claimTokenSchema,
    (await ctx.params).token,
    "This claim link is not valid.",
  );
  return NextResponse.json(await getClaimOffer(await getServices(), token), noStore);
});

export const POST = handle(async (req, ctx: Ctx) => {
  const token = parseInput(
    claimTokenSchema,
    (await ctx.params).token,
    "This claim link is not valid.",
  );
  const body = await parseJsonBody(req, claimBodySchema);
  const result = await redeemClaim(await getServices(), token, body.proof, new Date(), {
    recoveryDid: body.recovery_did,
  });
  return NextResponse.json(result, noStore);
});
