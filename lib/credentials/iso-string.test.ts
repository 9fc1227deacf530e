import { describe, expect, it } from "vitest";
import { isoString } from "./iso-string";

describe("isoString", () => {
  it("is toISOString, for the same instant whatever Date object carries it", () => {
    const at = Date.UTC(2027, 0, 31, 23, 59, 59, 999);
    expect(isoString(new Date(at))).toBe("2027-01-31T23:59:59.999Z");
    expect(isoString(new Date(at))).toBe("2027-01-31T23:59:59.999Z");
  });

  it("never hands one instant's text to another, even a millisecond away", () => {
    const at = Date.UTC(2026, 5, 1, 12, 0, 0, 0);
    for (let i = 0; i < 2_000; i++) {
      const date = new Date(at + (i % 3 === 0 ? i : i * 86_400_000));
      expect(isoString(date)).toBe(date.toISOString());
    }
  });

  it("throws for an invalid date, every time, as toISOString does", () => {
    for (let i = 0; i < 2; i++) expect(() => isoString(new Date(Number.NaN))).toThrow(RangeError);
  });
});
