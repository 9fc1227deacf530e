// GET /api/v1/requests/[id] — the public request object; with `Authorization: Bearer <read secret>`, also the answer
import { NextResponse } from "next/server";
import { handle, parseInput } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { requestIdSchema } from "@/lib/requests/schemas";
import { readVerifierRequest } from "@/lib/requests/verifier-requests";

export const GET = handle(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseInput(requestIdSchema, (await ctx.params).id, "There is no such request.");
  const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  const request = await readVerifierRequest(await getServices(), id, secret);
  return NextResponse.json(request, { headers: { "Cache-Control": "no-store" } });
});
