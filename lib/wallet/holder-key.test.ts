import { describe, expect, it } from "vitest";
import { base64url } from "./base64url";
import { generateHolderKey, holderDid } from "./holder-key";

// The P-256 example of the did:jwk specification (https://github.com/quartzjer/did-jwk).
const SPEC_JWK = {
  crv: "P-256",
  kty: "EC",
  x: "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0",
  y: "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE",
} as const;
const SPEC_DID =
  "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9";

describe("holderDid", () => {
  it("matches the did:jwk specification's P-256 example", () => {
    expect(holderDid(SPEC_JWK)).toBe(SPEC_DID);
  });

  it("uses crv, kty, x, y in that order, whatever order and extras the JWK came with", () => {
    const shuffled = {
      y: SPEC_JWK.y,
      x: SPEC_JWK.x,
      kty: "EC",
      crv: "P-256",
      ext: true,
      key_ops: ["verify"],
    };
    expect(holderDid(shuffled as unknown as typeof SPEC_JWK)).toBe(SPEC_DID);
  });
});

describe("generateHolderKey", () => {
  it("makes a non-extractable P-256 key whose did:jwk carries the public key", async () => {
    const key = await generateHolderKey();

    expect(key.kid).toBe(`${key.did}#0`);
    expect(key.did).toMatch(/^did:jwk:[A-Za-z0-9_-]+$/);
    const jwk = base64url.decodeJson(key.did.slice("did:jwk:".length)) as Record<string, unknown>;
    expect(Object.keys(jwk)).toEqual(["crv", "kty", "x", "y"]);
    expect(jwk).toEqual(key.publicJwk);
    expect(jwk).not.toHaveProperty("d");

    expect(key.keyPair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("jwk", key.keyPair.privateKey)).rejects.toThrow();
    const exported = await crypto.subtle.exportKey("jwk", key.keyPair.publicKey);
    expect({ x: exported.x, y: exported.y }).toEqual({ x: key.publicJwk.x, y: key.publicJwk.y });
  });

  it("makes a new key each time", async () => {
    const [a, b] = await Promise.all([generateHolderKey(), generateHolderKey()]);
    expect(a.did).not.toBe(b.did);
  });
});
