// POST /api/v1/requests — a verifier's request: policy → DCQL, nonce, audience, expiry, read secret
import { NextResponse } from "next/server";
import { handle, parseJsonBody } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { createRequestBodySchema } from "@/lib/requests/schemas";
import { createVerifierRequest } from "@/lib/requests/verifier-requests";

export const POST = handle(async (req) => {
  const body = await parseJsonBody(req, createRequestBodySchema);
  const created = await createVerifierRequest(await getServices(), body);
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
