import { describe, expect, it } from "vitest";
import { Base64urlError, decodeBase64url, encodeBase64url } from "./base64url";

describe("base64url", () => {
  it("round-trips every length and agrees with Node's encoder", () => {
    for (let n = 0; n < 70; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect(decodeBase64url(text)).toEqual(bytes);
    }
  });

  it("rejects padding", () => {
    expect(() => decodeBase64url("QQ==")).toThrow(/padded/);
  });

  it("rejects characters outside the base64url alphabet", () => {
    for (const bad of ["ab+c", "ab/c", "ab c", "abé=", "ab.c"]) {
      expect(() => decodeBase64url(bad)).toThrow(Base64urlError);
    }
  });

  it("rejects non-canonical encodings whose unused trailing bits are set", () => {
    expect(decodeBase64url("QQ")).toEqual(new Uint8Array([0x41]));
    // "QR" decodes to the same byte in lenient decoders (Node's included) but is a second spelling
    expect(Buffer.from("QR", "base64url")).toEqual(Buffer.from([0x41]));
    expect(() => decodeBase64url("QR")).toThrow(/canonical/);
    expect(decodeBase64url("QUI")).toEqual(new Uint8Array([0x41, 0x42]));
    expect(() => decodeBase64url("QUJ")).toThrow(/canonical/);
  });

  it("rejects impossible lengths", () => {
    expect(() => decodeBase64url("QUJDR")).toThrow(/length/);
  });
});
