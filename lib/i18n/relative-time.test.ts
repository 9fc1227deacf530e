import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = new Date("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const ru = { justNow: "только что", on: (d: string) => d };
const en = { justNow: "just now", on: (d: string) => `on ${d}` };

describe("relativeTime", () => {
  it("speaks Russian with the right plural forms", () => {
    expect(relativeTime(ago(10), now, "ru", ru)).toBe("только что");
    expect(relativeTime(ago(60), now, "ru", ru)).toBe("1 минуту назад");
    expect(relativeTime(ago(3 * 60), now, "ru", ru)).toBe("3 минуты назад");
    expect(relativeTime(ago(5 * 60), now, "ru", ru)).toBe("5 минут назад");
    expect(relativeTime(ago(3 * 3600), now, "ru", ru)).toBe("3 часа назад");
    expect(relativeTime(ago(21 * 3600), now, "ru", ru)).toBe("21 час назад");
    expect(relativeTime(ago(2 * 86_400), now, "ru", ru)).toBe("2 дня назад");
    expect(relativeTime(ago(11 * 86_400), now, "ru", ru)).toBe("11 дней назад");
  });

  it("keeps the short English form", () => {
    expect(relativeTime(ago(10), now, "en", en)).toBe("just now");
    expect(relativeTime(ago(120), now, "en", en)).toBe("2 min ago");
    expect(relativeTime(ago(3 * 3600), now, "en", en)).toBe("3 h ago");
    expect(relativeTime(ago(86_400), now, "en", en)).toBe("1 day ago");
  });

  it("gives the date itself beyond a month or for a far future instant", () => {
    expect(relativeTime(ago(40 * 86_400), now, "en", en)).toMatch(/^on /);
    expect(relativeTime(ago(40 * 86_400), now, "ru", ru)).toMatch(/2026/);
    expect(relativeTime(ago(-3600), now, "ru", ru)).toMatch(/2026/);
  });
});
