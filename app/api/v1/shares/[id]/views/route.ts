// GET /api/v1/shares/[id]/views — a share's state and each open (owner secret as Bearer)
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { bearerOwnerSecret } from "@/lib/shares/bearer-owner-secret";
import { readShareViews } from "@/lib/shares/read-share-views";
import { shareIdSchema } from "@/lib/shares/schemas";

export const GET = handle(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseInput(shareIdSchema, (await ctx.params).id, "This is not a share link's id.");
  const views = await readShareViews(await getServices(), id, bearerOwnerSecret(req));
  return NextResponse.json(views, { headers: { "Cache-Control": "no-store" } });
});
