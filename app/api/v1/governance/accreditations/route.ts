// POST /api/v1/governance/accreditations — accredit (or re-accredit) an issuer DID on chain
import { NextResponse } from "next/server";
import { authenticateGovernance } from "@/lib/governance/authenticate-governance";
import { recordAccreditation } from "@/lib/governance/record-accreditation";
import { accreditationBodySchema } from "@/lib/governance/schemas";
import { handle, parseJsonBody } from "@/lib/http";
import { getServices } from "@/lib/issuance/services";

export const POST = handle(async (req) => {
  const svc = await getServices();
  authenticateGovernance(svc, req.headers.get("authorization"));
  const body = await parseJsonBody(req, accreditationBodySchema);
  return NextResponse.json(await recordAccreditation(svc, body), { status: 201 });
});
