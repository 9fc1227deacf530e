// POST /api/v1/governance/withdrawals — withdraw an issuer's accreditation on chain
import { NextResponse } from "next/server";
import { authenticateGovernance } from "@/lib/governance/authenticate-governance";
import { recordWithdrawal } from "@/lib/governance/record-withdrawal";
import { withdrawalBodySchema } from "@/lib/governance/schemas";
import { handle, parseJsonBody } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";

export const POST = handle(async (req) => {
  const svc = await getServices();
  authenticateGovernance(svc, req.headers.get("authorization"));
  const body = await parseJsonBody(req, withdrawalBodySchema);
  return NextResponse.json(await recordWithdrawal(svc, body));
});
