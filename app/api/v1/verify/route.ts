// POST /api/v1/verify — verify a credential or a presentation JWT with the same core the browser runs
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { verifyCredentialBodySchema, verifyPresentationBodySchema } from "@/lib/issuance/schemas";
import { verifyOnServer } from "@/lib/issuance/server-verifier";
import { getServices } from "@/lib/issuance/services";
import { verifyPresentationOnServer } from "@/lib/issuance/verify-presentation-on-server";

const noStore = { headers: { "Cache-Control": "no-store" } };

export const POST = handle(async (req) => {
  const raw = await parseJsonBody(
    req,
    z.record(z.string(), z.unknown(), { error: "The body must be a JSON object." }),
  );
  if ("presentation" in raw) {
    const body = parseInput(verifyPresentationBodySchema, raw, "The request body is not valid.");
    return NextResponse.json(await verifyPresentationOnServer(await getServices(), body), noStore);
  }
  const { credential } = parseInput(
    verifyCredentialBodySchema,
    raw,
    "The request body is not valid.",
  );
  const result = await verifyOnServer(await getServices(), credential);
  return NextResponse.json({ verified: result.verified, checks: result.checks }, noStore);
});
