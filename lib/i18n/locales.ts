/**
 * The wallet's languages and how one is chosen: the doctor's explicit choice (a cookie, so the
 * server renders the right language on the first paint), else the browser's Accept-Language,
 * else English. Universal: the server layout and the client switch both use it.
 */
export const locales = ["en", "ru"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const localeCookie = "vitae-locale";

/** Names shown in the switch, each in its own language. */
export const localeNames: Record<Locale, string> = { en: "English", ru: "Русский" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * Picks the locale: a valid cookie wins; otherwise the Accept-Language entry with the highest
 * q-value whose primary tag we support ("ru-RU;q=0.8" counts as "ru").
 */
export function negotiateLocale(
  cookieValue: string | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params
        .map((p) => p.trim())
        .find((p) => p.startsWith("q="))
        ?.slice(2);
      const quality = q === undefined ? 1 : Number(q);
      return {
        primary: tag.toLowerCase().split("-")[0],
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLocale) ?? defaultLocale;
}
