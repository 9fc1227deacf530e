import { createVerifiablePresentationJwt } from "did-jwt-vc";
import { ES256Signer } from "did-jwt";
import { describe, expect, it, vi } from "vitest";
import {
  flipS,
  happyDeps,
  ISSUER_DID_URL,
  json,
  NOW,
  reissue,
  REVOCATION_LIST_URL,
  signJwt,
  SUSPENSION_LIST_URL,
  toLowS,
} from "./__fixtures__/harness";
import { decodeBase64url, encodeBase64url } from "./base64url";
import { presentationCheckIds } from "./verification";
import { verifyPresentation } from "./verify-presentation";

const DOMAIN = "https://hospital.example";
const nowSeconds = NOW.getTime() / 1000;

async function holder() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]);
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const { crv, kty, x, y } = privateJwk;
  const did = `did:jwk:${json({ crv, kty, x, y })}`;
  return { did, kid: `${did}#0`, privateJwk };
}

type Holder = Awaited<ReturnType<typeof holder>>;

function credentialFor(subject: string, index = 7) {
  return reissue((p) => {
    p.sub = subject;
    for (const entry of p.vc.credentialStatus as Array<Record<string, unknown>>) {
      entry.statusListIndex = String(index);
      entry.id = `${String(entry.statusListCredential)}#${index}`;
    }
  });
}

function vp(h: Holder, credentials: string[], nonce: string, signer: Holder = h) {
  return signJwt(
    { alg: "ES256", typ: "JWT", kid: h.kid },
    {
      iss: h.did,
      aud: DOMAIN,
      nonce,
      iat: nowSeconds,
      exp: nowSeconds + 300,
      vp: {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        type: ["VerifiablePresentation"],
        verifiableCredential: credentials,
      },
    },
    signer.privateJwk,
  );
}

function summary(checks: Array<{ id: string; ok: boolean | null; code: string }>) {
  return checks.map((c) => `${c.id}:${String(c.ok)}:${c.code}`);
}

describe("verifyPresentation", () => {
  it("answers the seven presentation checks in order, plus every embedded credential in full, fetching each list once", async () => {
    const h = await holder();
    const { deps, calls } = await happyDeps();
    const consumeNonce = vi.fn(() => true);
    const credentials = [
      await credentialFor(h.did, 7),
      await credentialFor(h.did, 42),
      await credentialFor(h.did, 99),
    ];
    const result = await verifyPresentation(
      await vp(h, credentials, "n-1"),
      { challenge: "n-1", domain: DOMAIN },
      { ...deps, consumeNonce },
    );
    expect(result.checks.map((c) => c.id)).toEqual([...presentationCheckIds]);
    expect(summary(result.checks)).toEqual([
      "format:true:PRESENTATION_FORMAT_OK",
      "signature:true:HOLDER_SIGNATURE_VALID",
      "validity:true:PRESENTATION_VALIDITY_OK",
      "challenge:true:NONCE_OK",
      "audience:true:AUDIENCE_OK",
      "holder:true:HOLDER_IS_SUBJECT",
      "credentials:false:CREDENTIAL_NOT_VERIFIED",
    ]);
    expect(result.verified).toBe(false);
    expect(result.credentials.map((r) => r.checks.find((c) => c.id === "status")?.code)).toEqual([
      "STATUS_ACTIVE",
      "REVOKED",
      "SUSPENDED",
    ]);
    for (const r of result.credentials) expect(r.checks).toHaveLength(6);
    expect(result.checks[6]).toMatchObject({ details: { credential: 2, code: "REVOKED" } });
    expect(result.presentation).toMatchObject({ holder: h.did, nonce: "n-1", audience: [DOMAIN] });
    expect(consumeNonce).toHaveBeenCalledTimes(1);
    expect(consumeNonce).toHaveBeenCalledWith("n-1");
    expect(calls.filter((u) => u === REVOCATION_LIST_URL)).toHaveLength(1);
    expect(calls.filter((u) => u === SUSPENSION_LIST_URL)).toHaveLength(1);
    expect(calls.filter((u) => u === ISSUER_DID_URL)).toHaveLength(1);
  });

  it("does not consume the nonce for a forged presentation, so the genuine answer still counts", async () => {
    const [h, mallory] = [await holder(), await holder()];
    const { deps } = await happyDeps();
    const used = new Set<string>();
    const consumeNonce = (n: string) => !used.has(n) && Boolean(used.add(n));
    const credential = await credentialFor(h.did);
    const request = { challenge: "n-2", domain: DOMAIN };

    const forged = await verifyPresentation(await vp(h, [credential], "n-2", mallory), request, {
      ...deps,
      consumeNonce,
    });
    expect(forged.checks[1]).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    expect(forged.credentials).toEqual([]);
    expect(used.size).toBe(0);

    const genuine = await vp(h, [credential], "n-2");
    expect((await verifyPresentation(genuine, request, { ...deps, consumeNonce })).verified).toBe(
      true,
    );
    const replay = await verifyPresentation(genuine, request, { ...deps, consumeNonce });
    expect(replay.checks[3]).toMatchObject({ ok: false, code: "NONCE_REPLAYED" });
  });

  it("reports no challenge and no audience as not requested, and still verifies", async () => {
    const h = await holder();
    const { deps } = await happyDeps();
    const result = await verifyPresentation(
      await vp(h, [await credentialFor(h.did)], "x"),
      {},
      deps,
    );
    expect(summary(result.checks)).toContain("challenge:true:CHALLENGE_NOT_REQUESTED");
    expect(summary(result.checks)).toContain("audience:true:AUDIENCE_NOT_REQUESTED");
    expect(result.verified).toBe(true);
  });

  it("verifies a presentation made by did-jwt-vc with challenge and domain, low-S only (interop)", async () => {
    const h = await holder();
    const { deps } = await happyDeps();
    const credential = await credentialFor(h.did);
    // did-jwt's ES256Signer (noble p256) emits high-S about half the time; Vitae accepts only the
    // low-S form (like its wallet signs), so the signer's output is normalised here, and its
    // high-S twin is checked to be refused.
    const es256 = ES256Signer(decodeBase64url(h.privateJwk.d!));
    const lowS = async (data: string | Uint8Array) =>
      encodeBase64url(toLowS(decodeBase64url((await es256(data)) as string)));
    const jwt = await createVerifiablePresentationJwt(
      {
        vp: {
          "@context": ["https://www.w3.org/2018/credentials/v1"],
          type: ["VerifiablePresentation"],
          verifiableCredential: [credential],
        },
      },
      { did: h.did, signer: lowS, alg: "ES256" },
      { challenge: "n-3", domain: DOMAIN, header: { kid: h.kid } } as never,
    );
    const request = { challenge: "n-3", domain: DOMAIN };
    const verify = (token: string) =>
      verifyPresentation(token, request, {
        ...deps,
        now: () => new Date(),
        consumeNonce: () => true,
      });
    const result = await verify(jwt);
    expect(summary(result.checks).filter((c) => !c.includes(":true:"))).toEqual([]);
    expect(result.verified).toBe(true);

    const [hd, pl, sig] = jwt.split(".") as [string, string, string];
    const twin = await verify(`${hd}.${pl}.${encodeBase64url(flipS(decodeBase64url(sig)))}`);
    expect(twin.checks[1]).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
  });
});
