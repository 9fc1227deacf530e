import { describe, expect, it } from "vitest";
import { relativeAge } from "./relative-age";

const now = new Date("2025-06-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("relativeAge", () => {
  it("says just now for the last minute and for small clock skew", () => {
    expect(relativeAge(ago(0), now)).toBe("just now");
    expect(relativeAge(ago(59), now)).toBe("just now");
    expect(relativeAge(ago(-120), now)).toBe("just now");
  });

  it("counts minutes, hours and days", () => {
    expect(relativeAge(ago(120), now)).toBe("2 min ago");
    expect(relativeAge(ago(3 * 3600 + 5), now)).toBe("3 h ago");
    expect(relativeAge(ago(86_400), now)).toBe("1 day ago");
    expect(relativeAge(ago(5 * 86_400), now)).toBe("5 days ago");
  });

  it("gives the date when the age would say little", () => {
    expect(relativeAge(new Date("2024-01-15T00:00:00Z"), now, "en-GB")).toBe("on 15 Jan 2024");
    expect(relativeAge(ago(-3600), now, "en-GB")).toBe("on 1 Jun 2025");
  });
});
