import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  it("honours the doctor's saved choice over the browser's languages", () => {
    expect(negotiateLocale("en", "ru-RU,ru;q=0.9")).toBe("en");
    expect(negotiateLocale("ru", "en-GB")).toBe("ru");
  });

  it("ignores a cookie that names no supported language", () => {
    expect(negotiateLocale("de", "ru")).toBe("ru");
  });

  it("takes the highest-quality supported language from Accept-Language", () => {
    expect(negotiateLocale(undefined, "de-DE,ru;q=0.8,en;q=0.5")).toBe("ru");
    expect(negotiateLocale(undefined, "en;q=0.4,ru-RU;q=0.9")).toBe("ru");
    expect(negotiateLocale(undefined, "ru;q=0,en")).toBe("en");
  });

  it("falls back to English for unsupported or malformed headers", () => {
    expect(negotiateLocale(undefined, "fr-FR,de;q=0.9")).toBe("en");
    expect(negotiateLocale(undefined, ";;,q=,")).toBe("en");
    expect(negotiateLocale(undefined, null)).toBe("en");
  });
});
