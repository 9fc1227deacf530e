import { expect, test } from "@playwright/test";
import { createProof } from "@/lib/wallet/claim-credential";
import { createPresentation } from "@/lib/wallet/create-presentation";
import { generateHolderKey } from "@/lib/wallet/holder-key";
import { demoApiKey, licence, LICENSING } from "../fixtures/demo";

/**
 * Presentations over HTTP on the real stack: a wallet key (WebCrypto, here in Node) claims a
 * licence, a verifier asks for a challenge, the wallet answers with a signed presentation, and
 * POST /api/v1/verify accepts it exactly once.
 */

type Answer = {
  verified: boolean;
  checks: Array<{ id: string; ok: boolean | null; code: string }>;
  credentials: Array<{ verified: boolean; checks: Array<{ id: string; code: string }> }>;
};

test("challenge → presentation → verified once, then refused as a replay", async ({ request }) => {
  const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
    headers: { Authorization: `Bearer ${demoApiKey(LICENSING)}` },
    data: licence(),
  });
  expect(issued.status()).toBe(201);
  const { claimUrl } = (await issued.json()) as { claimUrl: string };
  const token = claimUrl.split("#")[1]!;

  const wallet = await generateHolderKey();
  const offer = (await (await request.get(`/api/v1/claims/${token}`)).json()) as {
    nonce: string;
    audience: string;
  };
  const claimed = await request.post(`/api/v1/claims/${token}`, {
    data: { proof: await createProof(wallet, offer) },
  });
  expect(claimed.status()).toBe(200);
  const { credential } = (await claimed.json()) as { credential: string };

  const challengeRes = await request.post("/api/v1/challenges", {
    data: { domain: "https://hospital.example" },
  });
  expect(challengeRes.status()).toBe(201);
  const { challenge, domain } = (await challengeRes.json()) as {
    challenge: string;
    domain: string;
  };
  expect(domain).toBe("https://hospital.example");

  const presentation = await createPresentation(wallet, [credential], {
    nonce: challenge,
    audience: domain,
  });
  const verify = async () => {
    const res = await request.post("/api/v1/verify", { data: { presentation, challenge } });
    expect(res.status()).toBe(200);
    return (await res.json()) as Answer;
  };
  const first = await verify();
  expect(first.checks.filter((c) => c.ok !== true)).toEqual([]);
  expect(first.verified).toBe(true);
  expect(first.credentials).toHaveLength(1);
  expect(first.credentials[0]!.checks.map((c) => c.code)).toContain("ANCHOR_MATCH");

  const replay = await verify();
  expect(replay.verified).toBe(false);
  expect(replay.checks.find((c) => c.id === "challenge")?.code).toBe("NONCE_REPLAYED");

  const bad = await request.post("/api/v1/verify", {
    data: { presentation, challenge: "", domain: "not a domain" },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
});
