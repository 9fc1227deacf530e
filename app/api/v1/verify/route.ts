// POST /api/v1/verify — verify a credential JWT with the same core the browser runs
import { NextResponse } from "next/server";
import { z } from "zod";
import { MAX_JWT_BYTES } from "@/lib/credentials/decode-jwt";
import { handle, parseJsonBody } from "@/lib/http";
import { verifyOnServer } from "@/lib/issuance/server-verifier";
import { getServices } from "@/lib/issuance/services";

const verifyBodySchema = z.object({
  credential: z
    .string()
    .min(1, "credential must be a compact JWT")
    .max(MAX_JWT_BYTES, `credential is larger than ${MAX_JWT_BYTES} bytes`),
});

export const POST = handle(async (req) => {
  const { credential } = await parseJsonBody(req, verifyBodySchema);
  const result = await verifyOnServer(await getServices(), credential);
  return NextResponse.json(
    { verified: result.verified, checks: result.checks },
    { headers: { "Cache-Control": "no-store" } },
  );
});
