// POST /api/v1/challenges — a one-time nonce (and audience) for a presentation request
import { NextResponse } from "next/server";
import { handle, parseJsonBody } from "@/lib/http";
import { issueChallenge } from "@/lib/issuance/issue-challenge";
import { challengeBodySchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

export const POST = handle(async (req) => {
  const { domain } = await parseJsonBody(req, challengeBodySchema);
  const issued = await issueChallenge(await getServices(), domain);
  return NextResponse.json(issued, { status: 201, headers: { "Cache-Control": "no-store" } });
});
