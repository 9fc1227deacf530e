import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  BitstringError,
  createBitstring,
  decodeBitstring,
  encodeBitstring,
  getBit,
  MAX_BITSTRING_BYTES,
  setBit,
  STATUS_LIST_SIZE,
} from "./bitstring";

describe("bitstring", () => {
  it("creates a 16 KiB list of 131 072 clear bits by default", () => {
    const bits = createBitstring();
    expect(STATUS_LIST_SIZE).toBe(131072);
    expect(bits.length).toBe(16384);
    expect(bits.every((b) => b === 0)).toBe(true);
    expect(() => createBitstring(12)).toThrow(RangeError);
  });

  it("numbers bits from the most significant bit of byte 0 (W3C Bitstring Status List)", () => {
    const bits = createBitstring(16);
    setBit(bits, 0, true);
    setBit(bits, 9, true);
    expect([...bits]).toEqual([0b1000_0000, 0b0100_0000]);
    expect(getBit(bits, 0)).toBe(true);
    expect(getBit(bits, 1)).toBe(false);
    expect(getBit(bits, 9)).toBe(true);
    setBit(bits, 0, false);
    expect(bits[0]).toBe(0);
    expect(() => getBit(bits, 16)).toThrow(RangeError);
    expect(() => setBit(bits, -1, true)).toThrow(RangeError);
    expect(() => getBit(bits, 1.5)).toThrow(RangeError);
  });

  it("decodes a list GZIP'd by Node's zlib, with or without the multibase prefix", () => {
    const bits = createBitstring();
    for (const i of [0, 7, 42, 1000, STATUS_LIST_SIZE - 1]) setBit(bits, i, true);
    const vector = Buffer.from(gzipSync(bits)).toString("base64url");
    for (const encoded of [`u${vector}`, vector]) {
      const decoded = decodeBitstring(encoded);
      expect(decoded).toEqual(bits);
      expect(getBit(decoded, 42)).toBe(true);
      expect(getBit(decoded, 43)).toBe(false);
    }
  });

  it("decodes the W3C spec's example encodedList (an empty 131 072-entry list)", () => {
    const bits = decodeBitstring(
      "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
    );
    expect(bits.length * 8).toBe(STATUS_LIST_SIZE);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it("encodes deterministically (no timestamp), readable by Node's zlib", async () => {
    const bits = createBitstring();
    setBit(bits, 5, true);
    const a = encodeBitstring(bits);
    await new Promise((r) => setTimeout(r, 1100));
    expect(encodeBitstring(bits)).toBe(a);
    expect(a.startsWith("u")).toBe(true);
    const { gunzipSync } = await import("node:zlib");
    expect(new Uint8Array(gunzipSync(Buffer.from(a.slice(1), "base64url")))).toEqual(bits);
    expect(decodeBitstring(a)).toEqual(bits);
  });

  it("throws BitstringError on bad base64url, non-GZIP data, truncation and decompression bombs", () => {
    const good = Buffer.from(gzipSync(createBitstring(64)));
    const bad = [
      "u!!!!",
      "u" + Buffer.from("plain text, not gzip").toString("base64url"),
      "u" + good.subarray(0, good.length - 6).toString("base64url"),
      "u" + Buffer.from(gzipSync(new Uint8Array(MAX_BITSTRING_BYTES + 8))).toString("base64url"),
      "u" + Buffer.from(gzipSync(new Uint8Array(0))).toString("base64url"),
    ];
    for (const encoded of bad) expect(() => decodeBitstring(encoded)).toThrow(BitstringError);
    expect(() => decodeBitstring(bad[3]!)).toThrow(/size limit/);
    expect(bad[3]!.length).toBeLessThan(8 * 1024);
  });

  it("refuses a GZIP stream whose declared length disagrees with its content", () => {
    const gz = Buffer.from(gzipSync(createBitstring(64)));
    gz.writeUInt32LE(999, gz.length - 4);
    expect(() => decodeBitstring("u" + gz.toString("base64url"))).toThrow(/length/);
  });
});
