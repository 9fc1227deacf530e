import { describe, expect, it } from "vitest";
import { decodeBase58btc, encodeBase58btc } from "./base58btc";
import { jwkToMultikey, multikeyToJwk } from "./multikey";
import { compressP256Point, decodeP256Point } from "./p256";

describe("multikey", () => {
  it("decodes the did:key spec vectors (Ed25519 and P-256)", () => {
    expect(multikeyToJwk("z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik",
    });
    expect(multikeyToJwk("zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169")).toEqual({
      kty: "EC",
      crv: "P-256",
      x: "fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI",
      y: "hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU",
    });
  });

  it("decompresses P-256 points exactly as WebCrypto does, for both parities", async () => {
    for (let i = 0; i < 8; i++) {
      const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
        "sign",
      ]);
      const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
      const compressed = compressP256Point(raw.subarray(1, 33), raw.subarray(33));
      expect(decodeP256Point(compressed)).toEqual({ x: raw.slice(1, 33), y: raw.slice(33) });
      const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
      const multikey = jwkToMultikey({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y });
      expect(multikey.startsWith("zDn")).toBe(true);
      expect(multikeyToJwk(multikey)).toEqual({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y });
    }
  });

  it("refuses points off the curve and unknown codecs", () => {
    const notOnCurve = new Uint8Array(33).fill(0xff);
    notOnCurve[0] = 2;
    expect(decodeP256Point(notOnCurve)).toBeNull();
    expect(() =>
      multikeyToJwk("z" + encodeBase58btc(new Uint8Array([0xe7, 0x01, ...new Uint8Array(33)]))),
    ).toThrow(/only Ed25519/);
    expect(() => multikeyToJwk("mAbc")).toThrow(/base58btc/);
  });

  it("round-trips base58btc, leading zeros included", () => {
    for (const bytes of [
      new Uint8Array([0, 0, 1, 2]),
      crypto.getRandomValues(new Uint8Array(35)),
    ]) {
      expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
    }
    expect(() => decodeBase58btc("0OIl")).toThrow();
  });
});
