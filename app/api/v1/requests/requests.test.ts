import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CreatedRequest, RequestStatus } from "@/lib/credentials/policy/schemas";
import { verifierRequests } from "@/lib/db/schema";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { changeCredentialStatus } from "@/lib/issuance/change-status";
import { getClaimOffer, redeemClaim } from "@/lib/issuance/claim-credential";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { createProof } from "@/lib/wallet/claim-credential";
import { createPresentation } from "@/lib/wallet/create-presentation";
import { generateHolderKey, type HolderKey } from "@/lib/wallet/holder-key";
import {
  bearer,
  callRoute,
  startRouteTestStack,
  type RouteAnswer,
  type RouteHandler,
} from "@/scripts/support/route-request";
import { GET as getRequest } from "./[id]/route";
import { POST as postResponse } from "./[id]/response/route";
import { POST as postRequest } from "./route";

/**
 * /api/v1/requests on the real stack (fresh anvil with the anchor contract and trust registry,
 * PGlite with the demo issuers): a verifier creates a request, a wallet key that claimed a licence
 * answers it with a presentation bound to the request's nonce and audience, and the verifier reads
 * the verified answer and policy evaluation with its read secret.
 */

const stack = startRouteTestStack();

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

const send = (
  handler: RouteHandler<{ id: string }>,
  init: { method?: string; body?: unknown; id?: string; secret?: string; form?: boolean } = {},
): Promise<RouteAnswer<Json>> =>
  callRoute(
    handler,
    { id: init.id ?? "" },
    {
      method: init.method,
      url: `http://localhost/api/v1/requests/${init.id ?? ""}`,
      auth: init.secret ? bearer(init.secret) : undefined,
      body: init.body,
      contentType: init.form ? "application/x-www-form-urlencoded" : undefined,
    },
  );

const policy = {
  verifierName: "St Aurelia credentialing office",
  purpose: "Locum cover in the cardiology ward",
  requirements: [{ kind: "licensed", jurisdiction: "Eastland" }],
};

async function create(body: unknown = policy): Promise<CreatedRequest> {
  const res = await send(postRequest, { body });
  expect(res.status).toBe(201);
  return res.json as unknown as CreatedRequest;
}

async function claimedLicence(wallet: HolderKey, conditions?: Array<{ text: string }>) {
  const licensing = await findIssuer(stack.svc, "eastland-licensing");
  const issued = await issueCredential(stack.svc, licensing, {
    type: "MedicalLicenseCredential",
    subject: {
      name: "Dr Amira Haddad",
      licenseNumber: `EL-${Math.floor(Math.random() * 1e6)}`,
      jurisdiction: "Eastland",
      ...(conditions ? { conditions } : {}),
    },
  });
  const token = issued.claimUrl.split("#")[1]!;
  const offer = await getClaimOffer(stack.svc, token);
  const proof = await createProof(wallet, { audience: offer.audience, nonce: offer.nonce });
  const claimed = await redeemClaim(stack.svc, token, proof);
  return { id: issued.id, jwt: claimed.credential, licensing };
}

async function answer(wallet: HolderKey, created: CreatedRequest, jwts: string[]) {
  const vp = await createPresentation(wallet, jwts, {
    nonce: created.request.nonce,
    audience: created.request.audience,
  });
  const queryId = created.request.dcql_query.credentials[0]!.id;
  return {
    vp,
    res: await send(postResponse, {
      id: created.request.id,
      body: { vp_token: { [queryId]: [vp] } },
    }),
  };
}

async function status(created: CreatedRequest) {
  const res = await send(getRequest, { id: created.request.id, secret: created.readSecret });
  expect(res.status).toBe(200);
  return res.json as unknown as RequestStatus;
}

describe("/api/v1/requests", () => {
  it("creates a request with nonce, audience, DCQL and a 10-minute expiry", async () => {
    const before = Date.now();
    const created = await create();
    const { request } = created;
    expect(request.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(request.audience).toBe(`${stack.svc.publicUrl}/api/v1/requests/${request.id}`);
    expect(request.client_id).toBe(request.audience);
    expect(request.response_uri).toBe(`${request.audience}/response`);
    expect(request.nonce.length).toBeGreaterThanOrEqual(43);
    expect(request.state).toBe("pending");
    expect(request.requirements[0]!.label).toBe(
      "Licensed physician in Eastland, no conditions on practice",
    );
    expect(request.dcql_query.credentials[0]).toMatchObject({
      id: "r1-licensed",
      format: "jwt_vc_json",
      meta: { type_values: [["VerifiableCredential", "MedicalLicenseCredential"]] },
    });
    const ttl = Date.parse(request.expires_at) - before;
    expect(ttl).toBeGreaterThan(595_000);
    expect(ttl).toBeLessThan(605_000);
    expect(created.walletUrl).toBe(`${stack.svc.publicUrl}/wallet/present?request=${request.id}`);

    // the public object has no answer and the secret is stored only as a hash
    const open = await send(getRequest, { id: request.id });
    expect(open.status).toBe(200);
    expect(open.json).not.toHaveProperty("answer");
    const [row] = await stack.svc.db
      .select()
      .from(verifierRequests)
      .where(eq(verifierRequests.id, request.id));
    expect(row!.readSecretHash).not.toContain(created.readSecret);
    const wrong = await send(getRequest, { id: request.id, secret: "not-the-secret-000000" });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error?.code).toBe("FORBIDDEN");
  });

  it("a wallet answers once; the verifier sees the policy met and the full result", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const created = await create();
    expect((await status(created)).answer).toBeNull();

    const { vp, res } = await answer(wallet, created, [jwt]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ state: "answered", verified: true, outcome: "met" });

    const seen = await status(created);
    expect(seen.state).toBe("answered");
    expect(seen.answer!.verified).toBe(true);
    expect(seen.answer!.holder).toBe(wallet.did);
    expect(seen.answer!.policy).toMatchObject({
      outcome: "met",
      requirements: [{ id: "r1-licensed", outcome: "met", credentials: [1] }],
    });
    expect(seen.answer!.credentials).toHaveLength(1);
    expect(seen.answer!.credentials[0]!.jwt).toBe(jwt);
    expect(seen.answer!.credentials[0]!.checks.map((c) => c.code)).toEqual([
      "FORMAT_OK",
      "SIGNATURE_VALID",
      "VALIDITY_OK",
      "STATUS_ACTIVE",
      "ANCHOR_MATCH",
      "TRUST_ACCREDITED",
    ]);

    // the nonce is used once: the same presentation again, or a new one, is refused
    const again = await send(postResponse, { id: created.request.id, body: { vp_token: vp } });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe("REQUEST_ANSWERED");
    expect((await send(getRequest, { id: created.request.id })).json.state).toBe("answered");
  });

  it("a revoked licence, or one with conditions, does not meet the policy", async () => {
    const wallet = await generateHolderKey();
    const { id, jwt, licensing } = await claimedLicence(wallet);
    await changeCredentialStatus(stack.svc, licensing, id, "revoke", "surrendered");
    const created = await create();
    const { res } = await answer(wallet, created, [jwt]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ state: "answered", verified: false, outcome: "not_met" });
    const seen = await status(created);
    expect(seen.answer!.policy.requirements[0]!.reason).toContain("revoked");
    expect(seen.answer!.credentials[0]!.checks).toContainEqual(
      expect.objectContaining({ id: "status", ok: false, code: "REVOKED" }),
    );

    const conditioned = await claimedLicence(wallet, [{ text: "No independent surgery" }]);
    const second = await create();
    const answered = await answer(wallet, second, [conditioned.jwt]);
    expect(answered.res.json).toEqual({ state: "answered", verified: true, outcome: "not_met" });
    expect((await status(second)).answer!.policy.requirements[0]!.reason).toContain(
      "No independent surgery",
    );
  });

  it("a doctor declines once (error=access_denied); nothing is stored and no answer follows", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const created = await create();
    const declined = await send(postResponse, {
      id: created.request.id,
      body: { error: "access_denied", error_description: "Dr Haddad said no" },
    });
    expect(declined.status).toBe(200);
    expect(declined.json).toEqual({ state: "declined" });

    const seen = await status(created);
    expect(seen.state).toBe("declined");
    expect(seen.answer).toBeNull();
    expect((await send(getRequest, { id: created.request.id })).json.state).toBe("declined");
    const [row] = await stack.svc.db
      .select()
      .from(verifierRequests)
      .where(eq(verifierRequests.id, created.request.id));
    expect(row!.declinedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toContain("Dr Haddad");

    // once only: a second refusal, or an answer after it, is refused
    const twice = await send(postResponse, {
      id: created.request.id,
      form: true,
      body: "error=access_denied",
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error?.code).toBe("REQUEST_ANSWERED");
    const { res } = await answer(wallet, created, [jwt]);
    expect(res.status).toBe(409);
    expect(res.json.error?.code).toBe("REQUEST_ANSWERED");
    expect((await status(created)).state).toBe("declined");
  });

  it("a refusal after an answer, or after expiry, follows the answer's rules", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const answered = await create();
    expect((await answer(wallet, answered, [jwt])).res.status).toBe(200);
    const late = await send(postResponse, {
      id: answered.request.id,
      form: true,
      body: "error=access_denied&state=x",
    });
    expect(late.status).toBe(409);
    expect(late.json.error?.code).toBe("REQUEST_ANSWERED");
    expect((await status(answered)).state).toBe("answered");

    const expired = await create({ ...policy, ttlSeconds: 60 });
    await stack.svc.db
      .update(verifierRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verifierRequests.id, expired.request.id));
    const tooLate = await send(postResponse, {
      id: expired.request.id,
      body: { error: "access_denied" },
    });
    expect(tooLate.status).toBe(410);
    expect(tooLate.json.error?.code).toBe("REQUEST_EXPIRED");
  });

  it("a malformed refusal gets a reason and leaves the request open", async () => {
    const created = await create();
    const otherError = await send(postResponse, {
      id: created.request.id,
      body: { error: "server_error" },
    });
    expect(otherError.status).toBe(400);
    expect(otherError.json.error?.code).toBe("VALIDATION_FAILED");
    const both = await send(postResponse, {
      id: created.request.id,
      form: true,
      body: "error=access_denied&vp_token=a.b.c",
    });
    expect(both.status).toBe(400);
    expect(both.json.error?.code).toBe("VALIDATION_FAILED");
    expect((await status(created)).state).toBe("pending");
  });

  it("an expired request is refused with REQUEST_EXPIRED", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const created = await create({ ...policy, ttlSeconds: 60 });
    await stack.svc.db
      .update(verifierRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verifierRequests.id, created.request.id));
    expect((await send(getRequest, { id: created.request.id })).json.state).toBe("expired");
    const { res } = await answer(wallet, created, [jwt]);
    expect(res.status).toBe(410);
    expect(res.json.error?.code).toBe("REQUEST_EXPIRED");
  });

  it("a presentation for another nonce or audience is refused without burning the request", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const created = await create();
    const wrongNonce = await createPresentation(wallet, [jwt], {
      nonce: "some-other-nonce",
      audience: created.request.audience,
    });
    const refused = await send(postResponse, {
      id: created.request.id,
      body: { vp_token: wrongNonce },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.message).toContain("still open");
    expect((await status(created)).state).toBe("pending");

    // a stranger's key cannot answer for the doctor: the holder is not the subject
    const stranger = await generateHolderKey();
    const stolen = await answer(stranger, created, [jwt]);
    expect(stolen.res.status).toBe(200);
    expect(stolen.res.json).toEqual({ state: "answered", verified: false, outcome: "not_met" });
    const seen = await status(created);
    expect(seen.answer!.checks).toContainEqual(
      expect.objectContaining({ id: "holder", ok: false, code: "HOLDER_NOT_SUBJECT" }),
    );

    // the right audience is required
    const other = await create();
    const wrongAudience = await createPresentation(wallet, [jwt], {
      nonce: other.request.nonce,
      audience: stack.svc.publicUrl,
    });
    const mis = await send(postResponse, {
      id: other.request.id,
      form: true,
      body: new URLSearchParams({ vp_token: wrongAudience }).toString(),
    });
    expect(mis.status).toBe(200);
    expect(mis.json.outcome).toBe("not_met");
    expect((await status(other)).answer!.checks).toContainEqual(
      expect.objectContaining({ id: "audience", ok: false, code: "AUDIENCE_MISMATCH" }),
    );
  });

  it("bad input gets a reason, never a 500", async () => {
    const empty = await send(postRequest, { body: { ...policy, requirements: [] } });
    expect(empty.status).toBe(400);
    expect(empty.json.error?.code).toBe("VALIDATION_FAILED");
    const ttl = await send(postRequest, { body: { ...policy, ttlSeconds: 5 } });
    expect(ttl.status).toBe(400);
    expect(await send(postRequest, { body: "{" })).toMatchObject({ status: 400 });
    expect((await send(getRequest, { id: "bad id!" })).status).toBe(400);
    expect((await send(getRequest, { id: "A".repeat(22) })).status).toBe(404);

    const created = await create();
    const noToken = await send(postResponse, { id: created.request.id, body: {} });
    expect(noToken.status).toBe(400);
    expect(noToken.json.error?.code).toBe("VALIDATION_FAILED");
    const garbage = await send(postResponse, {
      id: created.request.id,
      body: { vp_token: "not.a.jwt" },
    });
    expect(garbage.status).toBe(400);
    const twoVps = await send(postResponse, {
      id: created.request.id,
      body: { vp_token: { a: ["x.y.z"], b: ["p.q.r"] } },
    });
    expect(twoVps.status).toBe(400);
    const badForm = await send(postResponse, {
      id: created.request.id,
      form: true,
      body: "vp_token=%7Bnot-json",
    });
    expect(badForm.status).toBe(400);
    expect((await status(created)).state).toBe("pending");
  });
});
