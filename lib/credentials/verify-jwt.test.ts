import { describe, expect, it } from "vitest";
import {
  fixtures,
  ISSUER_DID,
  ISSUER_DID_URL,
  json,
  mapFetch,
  signJwt,
} from "./__fixtures__/harness";
import { createDidResolver } from "./resolve-did";
import { verifyJwt } from "./verify-jwt";

async function holder() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]);
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const { crv, kty, x, y } = privateJwk;
  const did = `did:jwk:${json({ crv, kty, x, y })}`;
  return { did, kid: `${did}#0`, privateJwk };
}

const resolveDid = createDidResolver({
  fetch: mapFetch({ [ISSUER_DID_URL]: JSON.stringify(fixtures.issuerDid) }).fetch,
});
const now = () => new Date("2026-06-01T12:00:00Z");
const nowSeconds = now().getTime() / 1000;

describe("verifyJwt", () => {
  it("verifies a wallet's proof of possession signed with its did:jwk key", async () => {
    const h = await holder();
    const jwt = await signJwt(
      { alg: "ES256", typ: "JWT", kid: h.kid },
      {
        iss: h.did,
        aud: "https://issuer.test",
        nonce: "abc",
        iat: nowSeconds,
        exp: nowSeconds + 300,
      },
      h.privateJwk,
    );
    const result = await verifyJwt(jwt, {
      resolveDid,
      purpose: "authentication",
      algorithms: ["ES256"],
      now,
    });
    expect(result).toMatchObject({
      ok: true,
      issuerDid: h.did,
      payload: { nonce: "abc" },
      method: { id: h.kid },
    });
  });

  it("refuses a kid that is not a key of iss", async () => {
    const [a, b] = [await holder(), await holder()];
    const jwt = await signJwt({ alg: "ES256", kid: b.kid }, { iss: a.did }, b.privateJwk);
    expect(await verifyJwt(jwt, { resolveDid, purpose: "authentication" })).toMatchObject({
      ok: false,
      code: "KEY_NOT_FOUND",
    });
  });

  it("enforces exp and nbf when given a clock", async () => {
    const h = await holder();
    const expired = await signJwt(
      { alg: "ES256", kid: h.kid },
      { iss: h.did, exp: nowSeconds - 120 },
      h.privateJwk,
    );
    expect(await verifyJwt(expired, { resolveDid, purpose: "authentication", now })).toMatchObject({
      code: "EXPIRED",
    });
    const early = await signJwt(
      { alg: "ES256", kid: h.kid },
      { iss: h.did, nbf: nowSeconds + 120 },
      h.privateJwk,
    );
    expect(await verifyJwt(early, { resolveDid, purpose: "authentication", now })).toMatchObject({
      code: "NOT_YET_VALID",
    });
    expect((await verifyJwt(early, { resolveDid, purpose: "authentication" })).ok).toBe(true);
  });

  it("verifies an issuer-signed JWT against its did:web document", async () => {
    expect(
      await verifyJwt(fixtures.jwts.credential, { resolveDid, purpose: "assertionMethod" }),
    ).toMatchObject({
      ok: true,
      issuerDid: ISSUER_DID,
    });
  });

  it("refuses a JWT whose iss is not a DID, and alg none, before resolving anything", async () => {
    const served = mapFetch({});
    const resolve = createDidResolver({ fetch: served.fetch });
    const none = `${json({ alg: "none" })}.${json({ iss: ISSUER_DID })}.`;
    expect(await verifyJwt(none, { resolveDid: resolve, purpose: "authentication" })).toMatchObject(
      { code: "ALG_NOT_ALLOWED" },
    );
    const h = await holder();
    const noIss = await signJwt({ alg: "ES256", kid: h.kid }, { sub: h.did }, h.privateJwk);
    expect(
      await verifyJwt(noIss, { resolveDid: resolve, purpose: "authentication" }),
    ).toMatchObject({ code: "MALFORMED_JWT" });
    expect(served.calls).toEqual([]);
  });
});
