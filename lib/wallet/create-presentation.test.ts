import { describe, expect, it } from "vitest";
import { happyDeps, NOW, payloadOf, reissue } from "@/lib/credentials/__fixtures__/harness";
import { createNonceStore } from "@/lib/credentials/nonce-store";
import { verifyPresentation } from "@/lib/credentials/verify-presentation";
import { createPresentation, PRESENTATION_TTL_SECONDS } from "./create-presentation";
import { generateHolderKey } from "./holder-key";

const DOMAIN = "https://hospital.example";

describe("createPresentation", () => {
  it("signs a VP with the wallet's non-extractable key that the verifier accepts exactly once", async () => {
    const key = await generateHolderKey();
    expect(key.keyPair.privateKey.extractable).toBe(false);
    const credential = await reissue((p) => (p.sub = key.did));
    const store = createNonceStore({ now: () => NOW });
    const { challenge, domain } = store.issue(DOMAIN);

    const jwt = await createPresentation(
      key,
      [credential],
      { nonce: challenge, audience: domain },
      { now: NOW },
    );
    const payload = payloadOf(jwt);
    expect(payload).toMatchObject({
      iss: key.did,
      aud: DOMAIN,
      nonce: challenge,
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + PRESENTATION_TTL_SECONDS,
      vp: { holder: key.did, verifiableCredential: [credential] },
    });
    expect(payload.jti).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);

    const { deps } = await happyDeps();
    const verify = () =>
      verifyPresentation(
        jwt,
        { challenge, domain },
        { ...deps, consumeNonce: (n) => store.consume(n) },
      );
    const first = await verify();
    expect(first.checks.filter((c) => c.ok !== true)).toEqual([]);
    expect(first.verified).toBe(true);
    expect(first.checks[1]).toMatchObject({
      code: "HOLDER_SIGNATURE_VALID",
      details: { kid: key.kid, alg: "ES256" },
    });
    const replay = await verify();
    expect(replay.verified).toBe(false);
    expect(replay.checks[3]).toMatchObject({ id: "challenge", ok: false, code: "NONCE_REPLAYED" });
  });

  it("is refused by another verifier (audience) and after its lifetime", async () => {
    const key = await generateHolderKey();
    const credential = await reissue((p) => (p.sub = key.did));
    const jwt = await createPresentation(
      key,
      [credential],
      { nonce: "n", audience: DOMAIN },
      { now: NOW, ttlSeconds: 60 },
    );
    const { deps } = await happyDeps();
    const other = await verifyPresentation(jwt, { domain: "https://insurer.example" }, deps);
    expect(other.checks[4]).toMatchObject({ ok: false, code: "AUDIENCE_MISMATCH" });
    const later = await verifyPresentation(
      jwt,
      {},
      {
        ...deps,
        now: () => new Date(NOW.getTime() + 10 * 60_000),
      },
    );
    expect(later.checks[2]).toMatchObject({ ok: false, code: "PRESENTATION_EXPIRED" });
  });

  it("refuses to make an unbound or empty presentation", async () => {
    const key = await generateHolderKey();
    await expect(createPresentation(key, [], { nonce: "n", audience: DOMAIN })).rejects.toThrow(
      /at least one credential/,
    );
    await expect(
      createPresentation(key, ["a.b.c"], { nonce: "", audience: DOMAIN }),
    ).rejects.toThrow(/nonce and audience/);
  });
});
