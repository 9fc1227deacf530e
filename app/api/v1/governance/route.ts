// GET /api/v1/governance — check a governance API key; answers with the authority account and registry
import { NextResponse } from "next/server";
import { authenticateGovernance } from "@/lib/governance/authenticate-governance";
import { governanceAccess } from "@/lib/governance/governance-access";
import { handle } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";

export const GET = handle(async (req) => {
  const svc = await getServices();
  authenticateGovernance(svc, req.headers.get("authorization"));
  return NextResponse.json(governanceAccess(svc), { headers: { "Cache-Control": "no-store" } });
});
