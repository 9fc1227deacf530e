// GET /api/v1/schemas — the doctor credential types and where their JSON Schemas are
import { NextResponse } from "next/server";
import { credentialSchemaIndex } from "@/lib/credentials/credential-json-schema";
import { env } from "@/lib/env";
import { handle } from "@/lib/http";

export const GET = handle(async () =>
  NextResponse.json(credentialSchemaIndex(env().VITAE_PUBLIC_URL), {
    headers: { "Cache-Control": "public, max-age=300" },
  }),
);
