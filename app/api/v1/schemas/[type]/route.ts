// GET /api/v1/schemas/[type] — the JSON Schema of one credential type's subject
import { NextResponse } from "next/server";
import { credentialTypeNames } from "@/lib/credentials/credential-types";
import { credentialJsonSchema } from "@/lib/credentials/credential-json-schema";
import { credentialTypeSchema } from "@/lib/credentials/schemas";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http";

type Ctx = { params: Promise<{ type: string }> };

export const GET = handle(async (_req, ctx: Ctx) => {
  const parsed = credentialTypeSchema.safeParse((await ctx.params).type);
  if (!parsed.success) {
    throw new AppError(
      "UNKNOWN_CREDENTIAL_TYPE",
      `There is no credential type of that name. Known types: ${credentialTypeNames.join(", ")}.`,
    );
  }
  return NextResponse.json(credentialJsonSchema(env().VITAE_PUBLIC_URL, parsed.data), {
    headers: {
      "Content-Type": "application/schema+json",
      "Cache-Control": "public, max-age=300",
    },
  });
});
