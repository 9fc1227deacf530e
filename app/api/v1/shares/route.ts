// POST /api/v1/shares — store a dossier the wallet encrypted (ciphertext, expiry, max views only)
import { NextResponse } from "next/server";
import { handle, parseJsonBody } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { createShare } from "@/lib/shares/create-share";
import { createShareBodySchema } from "@/lib/shares/schemas";

export const POST = handle(async (req) => {
  const body = await parseJsonBody(req, createShareBodySchema);
  const share = await createShare(await getServices(), body);
  return NextResponse.json(share, { status: 201, headers: { "Cache-Control": "no-store" } });
});
