import { describe, expect, it } from "vitest";
import { findIssuer } from "@/lib/issuance/authenticate-issuer";
import { changeCredentialStatus } from "@/lib/issuance/change-status";
import { getClaimOffer, redeemClaim } from "@/lib/issuance/claim-credential";
import { issueCredential } from "@/lib/issuance/issue-credential";
import { createProof } from "@/lib/wallet/claim-credential";
import { createPresentation } from "@/lib/wallet/create-presentation";
import { generateHolderKey, type HolderKey } from "@/lib/wallet/holder-key";
import {
  callRoute,
  startRouteTestStack,
  type RouteAnswer,
  type RouteHandler,
} from "@/scripts/support/route-request";
import { POST as postChallenge } from "../challenges/route";
import { POST as postVerify } from "./route";

/**
 * POST /api/v1/verify (presentations) and POST /api/v1/challenges, called as route handlers on
 * the real stack: a fresh anvil with the anchor contract, PGlite with the demo issuers, a
 * credential issued and claimed by a wallet key, and a presentation that wallet signs.
 */

type Answer = {
  verified: boolean;
  checks: Array<{ id: string; ok: boolean | null; code: string; message: string }>;
  credentials?: Array<{
    verified: boolean;
    checks: Array<{ id: string; ok: boolean | null; code: string }>;
  }>;
  error?: { code: string; message: string; fields?: Record<string, string[]> };
};

const stack = startRouteTestStack();

const call = (handler: RouteHandler<object>, body: unknown): Promise<RouteAnswer<Answer>> =>
  callRoute(handler, {}, { method: "POST", body });

async function challenge(domain?: string) {
  const res = await call(postChallenge, domain === undefined ? "" : { domain });
  expect(res.status).toBe(201);
  return res.json as unknown as { challenge: string; domain: string; expiresAt: string };
}

/** A licence issued by Eastland and claimed into `wallet`, as a doctor would. */
async function claimedLicence(wallet: HolderKey) {
  const licensing = await findIssuer(stack.svc, "eastland-licensing");
  const issued = await issueCredential(stack.svc, licensing, {
    type: "MedicalLicenseCredential",
    subject: { name: "Dr Amira Haddad", licenseNumber: "EL-2001", jurisdiction: "Eastland" },
  });
  const token = issued.claimUrl.split("#")[1]!;
  const offer = await getClaimOffer(stack.svc, token);
  const proof = await createProof(wallet, { audience: offer.audience, nonce: offer.nonce });
  const claimed = await redeemClaim(stack.svc, token, proof);
  return { id: issued.id, jwt: claimed.credential, licensing };
}

const failing = (a: Answer) =>
  a.checks.filter((c) => c.ok !== true).map((c) => `${c.id}:${String(c.ok)}:${c.code}`);

describe("POST /api/v1/verify with a presentation", () => {
  it("verifies a wallet's presentation against a server challenge, once", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const issued = await challenge();
    expect(issued.domain).toBe(stack.svc.publicUrl);
    expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now());

    const presentation = await createPresentation(wallet, [jwt], {
      nonce: issued.challenge,
      audience: issued.domain,
    });
    const first = await call(postVerify, { presentation, challenge: issued.challenge });
    expect(first.status).toBe(200);
    expect(failing(first.json)).toEqual([]);
    expect(first.json.verified).toBe(true);
    expect(first.json.checks.map((c) => c.id)).toEqual([
      "format",
      "signature",
      "validity",
      "challenge",
      "audience",
      "holder",
      "credentials",
    ]);
    expect(first.json.credentials).toHaveLength(1);
    expect(first.json.credentials![0]!.verified).toBe(true);
    expect(first.json.credentials![0]!.checks.map((c) => `${c.id}:${c.code}`)).toEqual([
      "format:FORMAT_OK",
      "signature:SIGNATURE_VALID",
      "validity:VALIDITY_OK",
      "status:STATUS_ACTIVE",
      "anchor:ANCHOR_MATCH",
      "trust:TRUST_ACCREDITED",
    ]);
    // nothing about the credential itself travels back, only checks
    expect(Object.keys(first.json.credentials![0]!).sort()).toEqual(["checks", "verified"]);

    const replay = await call(postVerify, { presentation, challenge: issued.challenge });
    expect(replay.status).toBe(200);
    expect(replay.json.verified).toBe(false);
    expect(failing(replay.json)).toEqual(["challenge:false:NONCE_REPLAYED"]);
  });

  it("requires the audience the challenge was issued for, and refuses a self-made nonce", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const issued = await challenge("https://hospital.example");
    const elsewhere = await createPresentation(wallet, [jwt], {
      nonce: issued.challenge,
      audience: "https://insurer.example",
    });
    const answer = await call(postVerify, { presentation: elsewhere, challenge: issued.challenge });
    expect(failing(answer.json)).toEqual(["audience:false:AUDIENCE_MISMATCH"]);

    const invented = await createPresentation(wallet, [jwt], {
      nonce: "made-up-by-the-wallet",
      audience: "https://hospital.example",
    });
    const refused = await call(postVerify, {
      presentation: invented,
      challenge: "made-up-by-the-wallet",
      domain: "https://hospital.example",
    });
    expect(failing(refused.json)).toEqual(["challenge:false:NONCE_REPLAYED"]);
  });

  it("refuses a presentation of a revoked credential, and one about someone else", async () => {
    const wallet = await generateHolderKey();
    const { id, jwt, licensing } = await claimedLicence(wallet);
    await changeCredentialStatus(stack.svc, licensing, id, "revoke", "surrendered");
    const issued = await challenge();
    const revoked = await call(postVerify, {
      presentation: await createPresentation(wallet, [jwt], {
        nonce: issued.challenge,
        audience: issued.domain,
      }),
      challenge: issued.challenge,
    });
    expect(failing(revoked.json)).toEqual(["credentials:false:CREDENTIAL_NOT_VERIFIED"]);
    expect(revoked.json.credentials![0]!.checks).toContainEqual(
      expect.objectContaining({ id: "status", ok: false, code: "REVOKED" }),
    );

    const other = await generateHolderKey();
    const { jwt: othersLicence } = await claimedLicence(other);
    const again = await challenge();
    const borrowed = await createPresentation(wallet, [othersLicence], {
      nonce: again.challenge,
      audience: again.domain,
    });
    const answer = await call(postVerify, { presentation: borrowed, challenge: again.challenge });
    expect(failing(answer.json)).toEqual(["holder:false:HOLDER_NOT_SUBJECT"]);
    const next = await challenge();
    const allowed = await call(postVerify, {
      presentation: await createPresentation(wallet, [othersLicence], {
        nonce: next.challenge,
        audience: next.domain,
      }),
      challenge: next.challenge,
      allowNonSubjectHolder: true,
    });
    expect(allowed.json.verified).toBe(true);
  });

  it("answers bad input with 400 and a reason code, never 500", async () => {
    const cases: Array<[unknown, string]> = [
      ["not json", "BAD_REQUEST"],
      [[1, 2], "VALIDATION_FAILED"],
      [{ presentation: 42 }, "VALIDATION_FAILED"],
      [{ presentation: "" }, "VALIDATION_FAILED"],
      [{ presentation: "a.b.c", challenge: "" }, "VALIDATION_FAILED"],
      [{ presentation: "a.b.c", domain: "has space" }, "VALIDATION_FAILED"],
      [{ presentation: "a.b.c", credential: "a.b.c" }, "VALIDATION_FAILED"],
      [{ presentation: "x".repeat(200 * 1024) }, "VALIDATION_FAILED"],
      [{}, "VALIDATION_FAILED"],
    ];
    for (const [body, code] of cases) {
      const res = await call(postVerify, body);
      expect({ body: String(JSON.stringify(body)).slice(0, 60), status: res.status }).toEqual({
        body: String(JSON.stringify(body)).slice(0, 60),
        status: 400,
      });
      expect(res.json.error?.code).toBe(code);
    }
    const challengeBad = await call(postChallenge, { domain: 7 });
    expect(challengeBad.status).toBe(400);
    expect((await call(postChallenge, { extra: true })).status).toBe(400);

    // Garbage that parses as a request is a verification answer, not an error.
    const garbage = await call(postVerify, { presentation: "a.b.c" });
    expect(garbage.status).toBe(200);
    expect(garbage.json.checks[0]).toMatchObject({ id: "format", ok: false });
  });

  it("keeps answering the credential body unchanged", async () => {
    const wallet = await generateHolderKey();
    const { jwt } = await claimedLicence(wallet);
    const res = await call(postVerify, { credential: jwt });
    expect(res.status).toBe(200);
    expect(res.json.verified).toBe(true);
    expect(Object.keys(res.json).sort()).toEqual(["checks", "verified"]);
    expect((await call(postVerify, { credential: "" })).json.error?.code).toBe("VALIDATION_FAILED");
  });
});
