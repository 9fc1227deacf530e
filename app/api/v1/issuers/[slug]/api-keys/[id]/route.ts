// DELETE /api/v1/issuers/[slug]/api-keys/[id] — revoke an API key (admin session)
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput } from "@/lib/http";
import { revokeApiKey } from "@/lib/issuance/api-keys";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { issuerSlugSchema, recordIdSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

const paramsSchema = z.object({ slug: issuerSlugSchema, id: recordIdSchema });

export const DELETE = handle(
  async (req, ctx: { params: Promise<{ slug: string; id: string }> }) => {
    const { slug, id } = parseInput(paramsSchema, await ctx.params, "Unknown API key.");
    const svc = await getServices();
    const { issuer, actor } = await authenticateRequest(svc, req.headers, slug, {
      require: "admin",
    });
    return NextResponse.json(await revokeApiKey(svc, issuer, actor, id));
  },
);
