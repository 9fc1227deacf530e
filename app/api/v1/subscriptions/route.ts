// POST /api/v1/subscriptions — be notified (signed webhook) when a verified credential's status changes
import { NextResponse } from "next/server";
import { handle, parseJsonBody } from "@/lib/http";
import { subscribeBodySchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { subscribeToStatus } from "@/lib/issuance/status-subscriptions";

export const POST = handle(async (req) => {
  const body = await parseJsonBody(req, subscribeBodySchema);
  const subscription = await subscribeToStatus(await getServices(), body);
  return NextResponse.json(subscription, { status: 201, headers: { "Cache-Control": "no-store" } });
});
