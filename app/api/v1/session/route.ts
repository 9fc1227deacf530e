// POST   /api/v1/session — sign in to the issuer console (e-mail + password), sets the session cookie
// GET    /api/v1/session — who is signed in
// DELETE /api/v1/session — sign out (revokes the session)
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { handle, parseJsonBody } from "@/lib/http";
import { signInBodySchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import {
  findSession,
  SESSION_COOKIE,
  sessionTokenFrom,
  signIn,
  signOut,
  type StaffSession,
} from "@/lib/issuance/staff-sessions";

function view(session: StaffSession) {
  return {
    issuer: { slug: session.issuer.slug, name: session.issuer.name, did: session.issuer.did },
    staff: session.staff,
    expiresAt: session.expiresAt.toISOString(),
    mustChangePassword: session.mustChangePassword,
  };
}

function secure(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return proto === "https";
}

const noStore = { "Cache-Control": "no-store" };

export const POST = handle(async (req) => {
  const body = await parseJsonBody(req, signInBodySchema);
  const session = await signIn(await getServices(), body);
  const res = NextResponse.json(view(session), { headers: noStore });
  res.cookies.set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "strict",
    secure: secure(req),
    path: "/",
    expires: session.expiresAt,
  });
  return res;
});

export const GET = handle(async (req) => {
  const token = sessionTokenFrom(req.headers.get("cookie"));
  const session = token ? await findSession(await getServices(), token) : null;
  if (!session) throw new AppError("UNAUTHORIZED", "Not signed in.");
  return NextResponse.json(view(session), { headers: noStore });
});

export const DELETE = handle(async (req) => {
  const token = sessionTokenFrom(req.headers.get("cookie"));
  if (token) await signOut(await getServices(), token);
  const res = new NextResponse(null, { status: 204, headers: noStore });
  res.cookies.set(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "strict",
    secure: secure(req),
    path: "/",
    maxAge: 0,
  });
  return res;
});
