// GET /api/v1/ledger — where anchors live: chain id, public RPC URL and contract address
import { NextResponse } from "next/server";
import { publicLedgerConfig } from "@/lib/env";
import { handle } from "@/lib/http";

export const GET = handle(async () =>
  NextResponse.json(publicLedgerConfig(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
