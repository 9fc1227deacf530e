import { expect, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { createPublicClient, http, keccak256, toBytes, type Hex } from "viem";
import { statusListAnchorAbi } from "@/lib/ledger/abi";
import { e2eRpcUrl } from "../../playwright.config";
import { demoApiKey, HOSPITAL, licence, LICENSING } from "../fixtures/demo";

const auth = (slug: string) => ({ Authorization: `Bearer ${demoApiKey(slug)}` });

test.describe("public HTTP API", () => {
  test("directory and did:web documents", async ({ request }) => {
    const res = await request.get("/api/v1/issuers");
    expect(res.status()).toBe(200);
    const issuers = (await res.json()) as Array<{ slug: string; did: string; name: string }>;
    expect(issuers.map((i) => i.slug).sort()).toEqual(
      ["eastland-licensing", "northbridge-medicine", "st-aurelia-hospital"].sort(),
    );
    const licensing = issuers.find((i) => i.slug === LICENSING)!;
    expect(licensing.did).toMatch(/^did:web:localhost%3A\d+:issuers:eastland-licensing$/);

    const doc = await request.get(`/issuers/${LICENSING}/did.json`);
    expect(doc.status()).toBe(200);
    const body = await doc.json();
    expect(body.id).toBe(licensing.did);
    expect(body.assertionMethod).toEqual([`${licensing.did}#key-1`]);
    expect(body.verificationMethod[1].blockchainAccountId).toMatch(
      /^eip155:31337:0x[0-9a-fA-F]{40}$/,
    );
    expect((await request.get("/issuers/nobody-here/did.json")).status()).toBe(404);
  });

  test("issue, verify, revoke — and the served list is what the chain anchored", async ({
    request,
  }) => {
    const issued = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      headers: auth(LICENSING),
      data: licence(),
    });
    expect(issued.status()).toBe(201);
    const { id, jwt, claimUrl, status } = await issued.json();
    expect(jwt.split(".")).toHaveLength(3);
    expect(claimUrl).toContain("/wallet/claim#");
    expect(status.listId).toBe("eastland-licensing-revocation-1");
    expect(status.index).toBeGreaterThanOrEqual(0);
    expect(status.index).toBeLessThan(131072);

    const verify = async () =>
      (await (await request.post("/api/v1/verify", { data: { credential: jwt } })).json()) as {
        verified: boolean;
        checks: Array<{ id: string; ok: boolean | null; code: string }>;
      };
    const before = await verify();
    expect(before.checks.map((c) => c.id)).toEqual(
      expect.arrayContaining(["signature", "validity", "status", "anchor", "trust"]),
    );
    expect(before.verified).toBe(true);

    const revoke = await request.post(`/api/v1/issuers/${LICENSING}/credentials/${id}/revoke`, {
      headers: auth(LICENSING),
      data: { reason: "Licence surrendered" },
    });
    expect(revoke.status()).toBe(200);
    const change = await revoke.json();
    expect(change.listId).toBe(status.listId);
    expect(change.version).toBeGreaterThanOrEqual(2);
    expect(change.anchorTx).toMatch(/^0x[0-9a-f]{64}$/);

    const after = await verify();
    expect(after.verified).toBe(false);
    expect(after.checks.find((c) => c.id === "status")?.code).toBe("REVOKED");

    // The list served now hashes to exactly what the contract holds.
    const list = await request.get(`/api/v1/status-lists/${status.listId}`);
    expect(list.status()).toBe(200);
    expect(list.headers()["content-type"]).toMatch(/application\/vc\+jwt|text\/plain/);
    expect(list.headers()["etag"]).toBeTruthy();
    expect(list.headers()["cache-control"]).toBeTruthy();
    const bytes = await list.body();
    const hash = `0x${createHash("sha256").update(bytes).digest("hex")}`;
    const client = createPublicClient({ transport: http(e2eRpcUrl) });
    const address = await readAnchorAddress(request);
    const latest = (await client.readContract({
      address,
      abi: statusListAnchorAbi,
      functionName: "latest",
      args: [
        keccak256(toBytes(`${new URL(list.url()).origin}/api/v1/status-lists/${status.listId}`)),
      ],
    })) as readonly [string, number | bigint, Hex, string, number | bigint];
    expect(latest[2]).toBe(hash);
    expect(Number(latest[1])).toBe(change.version);

    const cached = await request.get(`/api/v1/status-lists/${status.listId}`, {
      headers: { "If-None-Match": list.headers()["etag"]! },
    });
    expect(cached.status()).toBe(304);
  });

  test("authentication and isolation between issuers", async ({ request }) => {
    const noKey = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      data: licence(),
    });
    expect(noKey.status()).toBe(401);
    const wrongKey = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      headers: { Authorization: "Bearer not-a-real-key-at-all" },
      data: licence(),
    });
    expect(wrongKey.status()).toBe(401);
    expect((await wrongKey.json()).error.code).toBe("UNAUTHORIZED");

    // The hospital's key cannot act as the licensing authority …
    const otherIssuer = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      headers: auth(HOSPITAL),
      data: licence(),
    });
    expect(otherIssuer.status()).toBe(403);

    // … nor revoke its credential through its own route.
    const issued = await (
      await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
        headers: auth(LICENSING),
        data: licence(),
      })
    ).json();
    const crossRevoke = await request.post(
      `/api/v1/issuers/${HOSPITAL}/credentials/${issued.id}/revoke`,
      { headers: auth(HOSPITAL), data: {} },
    );
    expect([403, 404]).toContain(crossRevoke.status());

    // A hospital is not set up to issue licences.
    const wrongType = await request.post(`/api/v1/issuers/${HOSPITAL}/credentials`, {
      headers: auth(HOSPITAL),
      data: licence(),
    });
    expect(wrongType.status()).toBe(403);
  });

  test("bad input gets a specific 4xx, never a 5xx", async ({ request }) => {
    const cases: Array<{ data?: unknown; raw?: string; code: string }> = [
      { raw: "{not json", code: "BAD_REQUEST" },
      { data: {}, code: "VALIDATION_FAILED" },
      { data: { credential: 42 }, code: "VALIDATION_FAILED" },
      { data: { credential: "x".repeat(70_000) }, code: "VALIDATION_FAILED" },
    ];
    for (const c of cases) {
      const res = await request.post("/api/v1/verify", {
        headers: { "Content-Type": "application/json" },
        // A Buffer is sent as is; a string would be JSON-encoded by Playwright.
        data: Buffer.from(c.raw ?? JSON.stringify(c.data)),
      });
      expect(res.status(), JSON.stringify(c)).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe(c.code);
      expect(body.error.message).toBeTruthy();
    }
    // Garbage that parses as a request still gets a verdict, not an error: not verified.
    const garbage = await request.post("/api/v1/verify", { data: { credential: "abc.def.ghi" } });
    expect(garbage.status()).toBe(200);
    const verdict = await garbage.json();
    expect(verdict.verified).toBe(false);
    expect(verdict.checks[0].ok).toBe(false);

    const badSubject = await request.post(`/api/v1/issuers/${LICENSING}/credentials`, {
      headers: auth(LICENSING),
      data: { type: "MedicalLicenseCredential", subject: { name: "" } },
    });
    expect(badSubject.status()).toBe(400);
    const fields = (await badSubject.json()).error.fields;
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(["subject.name", "subject.licenseNumber"]),
    );

    const unknownList = await request.get("/api/v1/status-lists/no-such-list");
    expect(unknownList.status()).toBe(404);
  });
});

async function readAnchorAddress(
  request: import("@playwright/test").APIRequestContext,
): Promise<Hex> {
  const res = await request.get("/api/v1/ledger");
  expect(res.status()).toBe(200);
  const { contractAddress } = (await res.json()) as { contractAddress: Hex };
  return contractAddress;
}
