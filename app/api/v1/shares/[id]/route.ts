// GET /api/v1/shares/[id] — the ciphertext, counting one view; DELETE — revoke (owner secret as Bearer)
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { describeClient } from "@/lib/shares/describe-client";
import { openShare } from "@/lib/shares/open-share";
import { revokeShare } from "@/lib/shares/revoke-share";
import { bearerOwnerSecret } from "@/lib/shares/bearer-owner-secret";
import { shareIdSchema } from "@/lib/shares/schemas";

type Ctx = { params: Promise<{ id: string }> };

const shareId = async (ctx: Ctx) =>
  parseInput(shareIdSchema, (await ctx.params).id, "This is not a share link's id.");

export const GET = handle(async (req, ctx: Ctx) => {
  const id = await shareId(ctx);
  const share = await openShare(
    await getServices(),
    id,
    describeClient(req.headers.get("user-agent")),
  );
  return NextResponse.json(share, {
    headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
});

export const DELETE = handle(async (req, ctx: Ctx) => {
  const id = await shareId(ctx);
  await revokeShare(await getServices(), id, bearerOwnerSecret(req));
  return new Response(null, { status: 204 });
});
