import { describe, expect, it } from "vitest";
import { fixtures, ISSUER_DID, ISSUER_DID_URL, mapFetch } from "./__fixtures__/harness";
import { encodeBase64url } from "./base64url";
import { createDidResolver, didWebUrl } from "./resolve-did";

describe("didWebUrl", () => {
  it.each([
    ["did:web:example.com", "https://example.com/.well-known/did.json"],
    ["did:web:example.com:issuers:acme", "https://example.com/issuers/acme/did.json"],
    ["did:web:localhost%3A3000:issuers:acme", "http://localhost:3000/issuers/acme/did.json"],
    ["did:web:127.0.0.1%3A3000", "http://127.0.0.1:3000/.well-known/did.json"],
    ["did:web:%5B::1%5D", null],
    ["did:web:%5B%3A%3A1%5D%3A8080:x", "http://[::1]:8080/x/did.json"],
    ["did:web:%5B%3A%3A2%5D", null],
    ["did:web:LOCALHOST%3A3000", "http://LOCALHOST:3000/.well-known/did.json"],
    ["did:web:example.com%3A8443:a:b", "https://example.com:8443/a/b/did.json"],
    ["did:web:localhost.evil.com", "https://localhost.evil.com/.well-known/did.json"],
    ["did:web:example.com:..:admin", null],
    ["did:web:user@example.com", null],
    ["did:web:example.com%2Fpath", null],
    ["did:web:", null],
    ["did:key:z6Mk", null],
  ])("%s → %s", (did, url) => {
    expect(didWebUrl(did)).toBe(url);
  });
});

describe("createDidResolver", () => {
  it("resolves a did:web document and checks that it is about that DID", async () => {
    const { fetch } = mapFetch({ [ISSUER_DID_URL]: JSON.stringify(fixtures.issuerDid) });
    const result = await createDidResolver({ fetch })(ISSUER_DID);
    expect(result).toMatchObject({ ok: true, document: { id: ISSUER_DID } });

    const impostor = mapFetch({
      "https://evil.test/issuers/demo/did.json": JSON.stringify(fixtures.issuerDid),
    });
    expect(
      await createDidResolver({ fetch: impostor.fetch })("did:web:evil.test:issuers:demo"),
    ).toMatchObject({
      ok: false,
      code: "DID_NOT_RESOLVED",
    });
  });

  it("peek gives a resolved, fresh document and never starts a resolution", async () => {
    let now = 0;
    const served = mapFetch({ [ISSUER_DID_URL]: JSON.stringify(fixtures.issuerDid) });
    const resolve = createDidResolver({
      fetch: served.fetch,
      ttlMs: 1000,
      now: () => new Date(now),
    });
    expect(resolve.peek?.(ISSUER_DID)).toBeUndefined();
    expect(served.calls).toEqual([]);
    const pending = resolve(ISSUER_DID);
    expect(resolve.peek?.(ISSUER_DID)).toBeUndefined(); // still in flight
    const resolved = await pending;
    expect(resolve.peek?.(ISSUER_DID)).toBe(resolved);
    now += 1000;
    expect(resolve.peek?.(ISSUER_DID)).toBeUndefined(); // past its TTL
    expect(served.calls).toEqual([ISSUER_DID_URL]);
  });

  it("reports missing, malformed and oversized documents as DID_NOT_RESOLVED", async () => {
    const { fetch } = mapFetch({
      "https://a.test/.well-known/did.json": { status: 404 },
      "https://b.test/.well-known/did.json": "{ not json",
      "https://c.test/.well-known/did.json": JSON.stringify({
        id: "did:web:c.test",
        verificationMethod: "x",
      }),
      "https://d.test/.well-known/did.json": JSON.stringify({
        id: "did:web:d.test",
        pad: "x".repeat(70_000),
      }),
    });
    const resolve = createDidResolver({ fetch });
    for (const host of ["a", "b", "c", "d"]) {
      expect(await resolve(`did:web:${host}.test`)).toMatchObject({
        ok: false,
        code: "DID_NOT_RESOLVED",
      });
    }
  });

  it("refuses unsupported methods and malformed DIDs as DID_UNSUPPORTED", async () => {
    const resolve = createDidResolver({ fetch: mapFetch({}).fetch });
    for (const did of ["did:ethr:0xabc", "did:web:ex.com#key-1", "not-a-did", "did:key:zQ3sh"]) {
      expect(await resolve(did)).toMatchObject({ ok: false, code: "DID_UNSUPPORTED" });
    }
  });

  it("fetches a document once for concurrent and repeated resolutions within the TTL", async () => {
    const served = mapFetch({ [ISSUER_DID_URL]: JSON.stringify(fixtures.issuerDid) });
    let now = new Date("2026-01-01T00:00:00Z");
    const resolve = createDidResolver({ fetch: served.fetch, ttlMs: 60_000, now: () => now });
    const [a, b] = await Promise.all([resolve(ISSUER_DID), resolve(ISSUER_DID)]);
    await resolve(ISSUER_DID);
    expect(a).toBe(b);
    expect(served.calls).toHaveLength(1);
    now = new Date(now.getTime() + 61_000);
    await resolve(ISSUER_DID);
    expect(served.calls).toHaveLength(2);
  });

  it("does not cache failures", async () => {
    let up = false;
    const resolve = createDidResolver({
      fetch: async () =>
        up
          ? new Response(JSON.stringify(fixtures.issuerDid))
          : new Response("down", { status: 503 }),
    });
    expect((await resolve(ISSUER_DID)).ok).toBe(false);
    up = true;
    expect((await resolve(ISSUER_DID)).ok).toBe(true);
  });

  it("returns frozen documents so one caller cannot poison the cache for the next", async () => {
    const { fetch } = mapFetch({ [ISSUER_DID_URL]: JSON.stringify(fixtures.issuerDid) });
    const result = await createDidResolver({ fetch })(ISSUER_DID);
    if (!result.ok) throw new Error();
    expect(Object.isFrozen(result.document.verificationMethod[0])).toBe(true);
  });

  it("times out a server that never answers", async () => {
    const resolve = createDidResolver({
      fetch: () => new Promise<Response>(() => {}),
      timeoutMs: 50,
    });
    expect(await resolve("did:web:slow.test")).toMatchObject({
      ok: false,
      code: "DID_NOT_RESOLVED",
    });
  });

  it("computes did:key documents for Ed25519 and P-256", async () => {
    const resolve = createDidResolver({ fetch: mapFetch({}).fetch });
    const ed = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    expect(await resolve(ed)).toEqual({
      ok: true,
      document: {
        id: ed,
        verificationMethod: [
          {
            id: `${ed}#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp`,
            type: "JsonWebKey2020",
            controller: ed,
            publicKeyJwk: {
              kty: "OKP",
              crv: "Ed25519",
              x: "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik",
            },
          },
        ],
        assertionMethod: [`${ed}#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp`],
        authentication: [`${ed}#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp`],
      },
    });
    const p256 = await resolve("did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169");
    expect(p256).toMatchObject({
      ok: true,
      document: {
        verificationMethod: [
          { publicKeyJwk: { crv: "P-256", y: "hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU" } },
        ],
      },
    });
  });

  it("computes did:jwk documents, and refuses private keys and encryption keys for signing", async () => {
    const resolve = createDidResolver({ fetch: mapFetch({}).fetch });
    const jwk = {
      crv: "P-256",
      kty: "EC",
      x: "fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI",
      y: "hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU",
    };
    const did = `did:jwk:${encodeBase64url(new TextEncoder().encode(JSON.stringify(jwk)))}`;
    expect(await resolve(did)).toEqual({
      ok: true,
      document: {
        id: did,
        verificationMethod: [
          { id: `${did}#0`, type: "JsonWebKey2020", controller: did, publicKeyJwk: jwk },
        ],
        assertionMethod: [`${did}#0`],
        authentication: [`${did}#0`],
      },
    });
    const withD = `did:jwk:${encodeBase64url(new TextEncoder().encode(JSON.stringify({ ...jwk, d: "secret" })))}`;
    expect(await resolve(withD)).toMatchObject({ ok: false, code: "DID_UNSUPPORTED" });
    const enc = `did:jwk:${encodeBase64url(new TextEncoder().encode(JSON.stringify({ ...jwk, use: "enc" })))}`;
    const encDoc = await resolve(enc);
    expect(encDoc.ok && encDoc.document.assertionMethod).toBeUndefined();
  });
});
