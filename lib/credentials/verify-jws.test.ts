import { afterEach, describe, expect, it, vi } from "vitest";
import { fixtures, flipS, ISSUER_DID, ISSUER_KID, json, signJwt } from "./__fixtures__/harness";
import { encodeBase64url } from "./base64url";
import { decodeJwt, type DecodedJwt } from "./decode-jwt";
import { jwkToMultikey } from "./multikey";
import { isHighS } from "./p256";
import { createDidResolver } from "./resolve-did";
import { didDocumentSchema, type DidDocument } from "./schemas";
import { verifyJws } from "./verify-jws";

const issuerDocument: DidDocument = didDocumentSchema.parse(fixtures.issuerDid);
const resolve = createDidResolver({
  fetch: () => Promise.reject(new Error("no network in tests")),
});

function decoded(jwt: string): DecodedJwt {
  const result = decodeJwt(jwt);
  if (!result.ok) throw new Error(result.message);
  return result;
}

async function p256Holder() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const { kty, crv, x, y } = privateJwk;
  return { privateJwk, publicJwk: { kty: kty!, crv, x, y } };
}

async function documentOf(did: string): Promise<DidDocument> {
  const result = await resolve(did);
  if (!result.ok) throw new Error(result.message);
  return result.document;
}

afterEach(() => vi.restoreAllMocks());

describe("verifyJws", () => {
  it("verifies the issuer's EdDSA signature with an absolute or relative kid", async () => {
    const jws = decoded(fixtures.jwts.credential);
    for (const kid of [ISSUER_KID, "#key-1"]) {
      const result = await verifyJws(jws, {
        kid,
        document: issuerDocument,
        purpose: "assertionMethod",
      });
      expect(result).toMatchObject({ ok: true, alg: "EdDSA", method: { id: ISSUER_KID } });
    }
  });

  it("accepts the fully-specified Ed25519 alg name too", async () => {
    const jwt = await signJwt(
      { alg: "Ed25519", kid: ISSUER_KID },
      { a: 1 },
      fixtures.issuerKey.privateJwk,
    );
    expect(
      (
        await verifyJws(decoded(jwt), {
          kid: ISSUER_KID,
          document: issuerDocument,
          purpose: "assertionMethod",
        })
      ).ok,
    ).toBe(true);
  });

  it("refuses none, HS256 and unknown algorithms as ALG_NOT_ALLOWED", async () => {
    const base = decoded(fixtures.jwts.credential);
    for (const alg of ["none", "HS256", "RS256", "ES256K", undefined, 7]) {
      const result = await verifyJws(
        { ...base, header: { ...base.header, alg } },
        { kid: ISSUER_KID, document: issuerDocument, purpose: "assertionMethod" },
      );
      expect(result).toMatchObject({ ok: false, code: "ALG_NOT_ALLOWED" });
    }
  });

  it("honours a narrowed algorithm list", async () => {
    const result = await verifyJws(decoded(fixtures.jwts.credential), {
      kid: ISSUER_KID,
      document: issuerDocument,
      purpose: "assertionMethod",
      algorithms: ["ES256"],
    });
    expect(result).toMatchObject({ ok: false, code: "ALG_NOT_ALLOWED" });
  });

  it("refuses a key not listed for the purpose, or missing, as KEY_NOT_FOUND", async () => {
    const jws = decoded(fixtures.jwts.credential);
    const doc = { ...issuerDocument, authentication: [] };
    expect(
      await verifyJws(jws, { kid: ISSUER_KID, document: doc, purpose: "authentication" }),
    ).toMatchObject({
      ok: false,
      code: "KEY_NOT_FOUND",
      message: expect.stringContaining("not listed under authentication"),
    });
    expect(
      await verifyJws(jws, {
        kid: `${ISSUER_DID}#ledger`,
        document: issuerDocument,
        purpose: "assertionMethod",
      }),
    ).toMatchObject({ ok: false, code: "KEY_NOT_FOUND" });
    expect(
      await verifyJws(jws, {
        kid: "did:web:elsewhere.test#key-1",
        document: issuerDocument,
        purpose: "assertionMethod",
      }),
    ).toMatchObject({
      ok: false,
      code: "KEY_NOT_FOUND",
      message: expect.stringContaining("does not belong"),
    });
  });

  it("tries every key for the purpose when the header has no kid", async () => {
    const result = await verifyJws(decoded(fixtures.jwts.credential), {
      kid: undefined,
      document: issuerDocument,
      purpose: "assertionMethod",
    });
    expect(result).toMatchObject({ ok: true, method: { id: ISSUER_KID } });
  });

  it("reports a tampered signing input as SIGNATURE_INVALID", async () => {
    const jws = decoded(fixtures.jwts.credential);
    const signingInput = jws.signingInput.slice();
    signingInput[0] = signingInput[0]! ^ 1;
    expect(
      await verifyJws(
        { ...jws, signingInput },
        { kid: ISSUER_KID, document: issuerDocument, purpose: "assertionMethod" },
      ),
    ).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
  });

  it("verifies ES256 from a did:key P-256 holder and refuses its high-S twin", async () => {
    const holder = await p256Holder();
    const did = `did:key:${jwkToMultikey(holder.publicJwk)}`;
    const document = await documentOf(did);
    const kid = document.verificationMethod[0]!.id;
    const jwt = await signJwt({ alg: "ES256", kid }, { nonce: "n-1" }, holder.privateJwk);
    const jws = decoded(jwt);
    expect(isHighS(jws.signature)).toBe(false);
    expect(await verifyJws(jws, { kid, document, purpose: "authentication" })).toMatchObject({
      ok: true,
      alg: "ES256",
    });

    const twin = flipS(jws.signature);
    // WebCrypto itself accepts the twin: the low-S rule is ours.
    const key = await crypto.subtle.importKey(
      "jwk",
      holder.publicJwk,
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    expect(
      await crypto.subtle.verify(
        { name: "ECDSA", hash: "SHA-256" },
        key,
        twin.slice(),
        jws.signingInput.slice(),
      ),
    ).toBe(true);
    expect(
      await verifyJws({ ...jws, signature: twin }, { kid, document, purpose: "authentication" }),
    ).toMatchObject({
      ok: false,
      code: "SIGNATURE_INVALID",
      message: expect.stringContaining("low-S"),
    });
  });

  it("verifies EdDSA from a did:key Ed25519 holder", async () => {
    const did = `did:key:${jwkToMultikey(fixtures.rogueKey.publicJwk)}`;
    expect(did.startsWith("did:key:z6Mk")).toBe(true);
    const document = await documentOf(did);
    const kid = document.verificationMethod[0]!.id;
    const jwt = await signJwt({ alg: "EdDSA", kid }, { a: 1 }, fixtures.rogueKey.privateJwk);
    expect(
      await verifyJws(decoded(jwt), { kid, document, purpose: "assertionMethod" }),
    ).toMatchObject({ ok: true });
  });

  it("verifies ES256 from a did:jwk holder (the wallet's DID form)", async () => {
    const holder = await p256Holder();
    const { crv, kty, x, y } = holder.publicJwk;
    const did = `did:jwk:${json({ crv, kty, x, y })}`;
    const document = await documentOf(did);
    const jwt = await signJwt({ alg: "ES256", kid: `${did}#0` }, { a: 1 }, holder.privateJwk);
    expect(
      await verifyJws(decoded(jwt), { kid: `${did}#0`, document, purpose: "authentication" }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("refuses an ES256 header over an Ed25519 key, and EdDSA over a P-256 key, as ALG_KEY_MISMATCH", async () => {
    const jws = decoded(fixtures.jwts.credential);
    expect(
      await verifyJws(
        { ...jws, header: { ...jws.header, alg: "ES256" } },
        { kid: ISSUER_KID, document: issuerDocument, purpose: "assertionMethod" },
      ),
    ).toMatchObject({ ok: false, code: "ALG_KEY_MISMATCH" });
    const holder = await p256Holder();
    const did = `did:jwk:${json(holder.publicJwk)}`;
    expect(
      await verifyJws(
        { ...jws, header: { alg: "EdDSA" } },
        { kid: `${did}#0`, document: await documentOf(did), purpose: "assertionMethod" },
      ),
    ).toMatchObject({ ok: false, code: "ALG_KEY_MISMATCH" });
  });

  it("reads Multikey (publicKeyMultibase) verification methods", async () => {
    const multibase = jwkToMultikey(fixtures.issuerKey.publicJwk);
    const doc: DidDocument = {
      id: ISSUER_DID,
      verificationMethod: [
        { id: "#key-1", type: "Multikey", controller: ISSUER_DID, publicKeyMultibase: multibase },
      ],
      assertionMethod: ["#key-1"],
    };
    expect(
      await verifyJws(decoded(fixtures.jwts.credential), {
        kid: ISSUER_KID,
        document: doc,
        purpose: "assertionMethod",
      }),
    ).toMatchObject({ ok: true });
  });

  it("imports each key once and reuses it", async () => {
    const holder = await p256Holder();
    const did = `did:jwk:${json(holder.publicJwk)}`;
    const document = await documentOf(did);
    const importKey = vi.spyOn(crypto.subtle, "importKey");
    for (let i = 0; i < 3; i++) {
      const jwt = await signJwt({ alg: "ES256", kid: `${did}#0` }, { i }, holder.privateJwk);
      importKey.mockClear();
      expect(
        (await verifyJws(decoded(jwt), { kid: `${did}#0`, document, purpose: "authentication" }))
          .ok,
      ).toBe(true);
      expect(importKey).toHaveBeenCalledTimes(i === 0 ? 1 : 0);
    }
  });

  it("refuses signatures of the wrong length", async () => {
    const jws = decoded(fixtures.jwts.credential);
    expect(
      await verifyJws(
        { ...jws, signature: jws.signature.subarray(0, 63) },
        { kid: ISSUER_KID, document: issuerDocument, purpose: "assertionMethod" },
      ),
    ).toMatchObject({ ok: false, code: "SIGNATURE_INVALID" });
    expect(encodeBase64url(jws.signature)).toBe(fixtures.jwts.credential.split(".")[2]);
  });

  it("hands the signature to WebCrypto before it returns, once the key is imported", async () => {
    // Frozen, as a resolver hands it out: its imported key is then kept with it.
    const document = Object.freeze(structuredClone(issuerDocument));
    const jws = decoded(fixtures.jwts.credential);
    const options = { kid: ISSUER_KID, document, purpose: "assertionMethod" as const };
    expect(await verifyJws(jws, options)).toMatchObject({ ok: true });
    const verify = vi.spyOn(crypto.subtle, "verify");
    const pending = verifyJws(jws, options);
    // Synchronously: no await between here and the call, so Node can run other checks meanwhile.
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await pending).toMatchObject({ ok: true });
  });
});
