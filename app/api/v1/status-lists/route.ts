// GET /api/v1/status-lists — every status list: URL, issuer, served (anchored) and pending version
import { NextResponse } from "next/server";
import { handle } from "@/lib/http";
import { listStatusLists } from "@/lib/issuance/list-status-lists";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async () =>
  NextResponse.json(await listStatusLists(await getServices()), {
    headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  }),
);
