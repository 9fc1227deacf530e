// GET /api/v1/trust-registry — the on-chain IssuerRegistry as one JSON snapshot (503 if the chain is down)
import { NextResponse } from "next/server";
import { handle } from "@/lib/http";
import { readTrustRegistry } from "@/lib/issuance/issuer-directory";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async () =>
  NextResponse.json(await readTrustRegistry(await getServices()), {
    headers: { "Cache-Control": "no-store" },
  }),
);
