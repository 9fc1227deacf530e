// GET /api/v1/credentials/[credentialId]/correction — the correction chain around a credential
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput } from "@/lib/http";
import { credentialCorrection } from "@/lib/issuance/credential-correction";
import { getServices } from "@/lib/issuance/services";

/** The credential's id as in its `jti` (`urn:uuid:…`, URL-encoded) or the bare UUID. */
const credentialIdSchema = z
  .string()
  .transform((id) => id.replace(/^urn(:|%3A)uuid(:|%3A)/i, ""))
  .pipe(z.uuid("not a credential id"));

export const GET = handle(async (_req, ctx: { params: Promise<{ credentialId: string }> }) => {
  const { credentialId } = await ctx.params;
  const id = parseInput(credentialIdSchema, credentialId, "Not a credential id.");
  const correction = await credentialCorrection(await getServices(), id.toLowerCase());
  return NextResponse.json(correction, {
    headers: {
      // Read by wallets and verifiers on any origin; a correction can appear at any time.
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=30",
    },
  });
});
