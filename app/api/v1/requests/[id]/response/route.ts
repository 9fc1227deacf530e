// POST /api/v1/requests/[id]/response — the wallet's answer (OpenID4VP direct_post: vp_token) or refusal (error=access_denied), once
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";
import { z } from "zod";
import {
  isErrorResponse,
  requestErrorResponseBodySchema,
  requestIdSchema,
  requestResponseBodySchema,
} from "@/lib/requests/schemas";
import { answerVerifierRequest, declineVerifierRequest } from "@/lib/requests/verifier-requests";

const MAX_FORM_BYTES = 256 * 1024;

/** direct_post sends a form; vp_token is then a JSON object (DCQL) or a bare JWT. */
async function readForm(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_FORM_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The request body is larger than ${MAX_FORM_BYTES} bytes.`,
    );
  }
  const form = new URLSearchParams(text);
  const token = form.get("vp_token") ?? undefined;
  let vpToken: unknown = token;
  if (token?.trimStart().startsWith("{")) {
    try {
      vpToken = JSON.parse(token);
    } catch {
      throw new AppError("BAD_REQUEST", "vp_token is not valid JSON.");
    }
  }
  const error = form.get("error");
  if (error !== null) {
    return {
      error,
      error_description: form.get("error_description") ?? undefined,
      state: form.get("state") ?? undefined,
      vp_token: vpToken,
    };
  }
  return { vp_token: vpToken, state: form.get("state") ?? undefined };
}

export const POST = handle(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseInput(requestIdSchema, (await ctx.params).id, "There is no such request.");
  const form = (req.headers.get("content-type") ?? "").startsWith(
    "application/x-www-form-urlencoded",
  );
  const raw = form ? await readForm(req) : await parseJsonBody(req, z.unknown());
  if (isErrorResponse(raw)) {
    // Checked, not kept: the refusal's description is free text from the wallet.
    parseInput(requestErrorResponseBodySchema, raw, "The refusal is not valid.");
    const receipt = await declineVerifierRequest(await getServices(), id);
    return NextResponse.json(receipt, { headers: { "Cache-Control": "no-store" } });
  }
  const body = parseInput(requestResponseBodySchema, raw, "The response is not valid.");
  const receipt = await answerVerifierRequest(await getServices(), id, body);
  return NextResponse.json(receipt, { headers: { "Cache-Control": "no-store" } });
});
