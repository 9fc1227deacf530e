// POST /api/v1/rebind — re-issue credentials to a restored wallet's new key (recovery-key signed)
import { NextResponse } from "next/server";
import { handle, parseJsonBody } from "@/lib/http";
import { rebindCredentials } from "@/lib/issuance/rebind-credentials";
import { rebindBodySchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

export const POST = handle(async (req) => {
  const body = await parseJsonBody(req, rebindBodySchema);
  return NextResponse.json(await rebindCredentials(await getServices(), body), {
    headers: { "Cache-Control": "no-store" },
  });
});
