// POST /api/v1/issuers/[slug]/credentials/[id]/{revoke,suspend,reinstate} — change a credential's status
import { NextResponse } from "next/server";
import { z } from "zod";
import { handle, parseInput, parseJsonBody } from "@/lib/http";
import { authenticateRequest } from "@/lib/issuance/authenticate-issuer";
import { changeCredentialStatus } from "@/lib/issuance/change-status";
import {
  issuerSlugSchema,
  statusActionSchema,
  statusChangeBodySchema,
} from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";

const paramsSchema = z.object({
  slug: issuerSlugSchema,
  id: z.uuid("not a credential id"),
  action: statusActionSchema,
});

export const POST = handle(
  async (req, ctx: { params: Promise<{ slug: string; id: string; action: string }> }) => {
    const params = await ctx.params;
    const parsed = paramsSchema.safeParse(params);
    if (!parsed.success && !statusActionSchema.safeParse(params.action).success) {
      return NextResponse.json(
        { error: { code: "NOT_FOUND", message: "Use revoke, suspend or reinstate." } },
        { status: 404 },
      );
    }
    const { slug, id, action } = parseInput(paramsSchema, params, "Unknown credential.");
    const svc = await getServices();
    const { issuer, actor } = await authenticateRequest(svc, req.headers, slug);
    const { reason } = await parseJsonBody(req, statusChangeBodySchema);
    const change = await changeCredentialStatus(svc, issuer, id, action, reason, { actor });
    return NextResponse.json({
      listId: change.listId,
      version: change.version,
      anchorTx: change.anchorTx,
      anchorState: change.state,
      status: change.status,
    });
  },
);
