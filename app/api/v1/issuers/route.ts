// GET /api/v1/issuers — the public directory of issuers
import { NextResponse } from "next/server";
import { handle } from "@/lib/http";
import { listIssuers } from "@/lib/issuance/issuer-directory";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async () => {
  return NextResponse.json(await listIssuers(await getServices()), {
    headers: { "Cache-Control": "public, max-age=60" },
  });
});
