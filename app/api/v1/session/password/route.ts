// POST /api/v1/session/password — the signed-in staff member changes their password (session cookie)
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { handle, parseJsonBody } from "@/lib/http";
import { hashSecret } from "@/lib/issuance/hash-secret";
import { changePasswordBodySchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { changeOwnPassword } from "@/lib/issuance/staff-accounts";
import { findSession, sessionTokenFrom } from "@/lib/issuance/staff-sessions";

export const POST = handle(async (req) => {
  const token = sessionTokenFrom(req.headers.get("cookie"));
  const svc = await getServices();
  const session = token ? await findSession(svc, token) : null;
  if (!token || !session)
    throw new AppError("UNAUTHORIZED", "Your session has ended; sign in again.");
  const body = await parseJsonBody(req, changePasswordBodySchema);
  const result = await changeOwnPassword(
    svc,
    { issuer: session.issuer, staffId: session.staff.id, tokenHash: hashSecret(token) },
    body,
  );
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});
