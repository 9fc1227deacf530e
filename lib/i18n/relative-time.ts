import type { Locale } from "./locales";

/**
 * "3 часа назад" / "3 h ago" for a past instant. English keeps the short form the verifier's
 * check list uses ("2 min ago", "just now"); other languages get `Intl.RelativeTimeFormat`, which
 * knows their plural forms. Block timestamps come from another clock, so up to five minutes of
 * future counts as "just now"; beyond that, or past a month, the date itself says more.
 */
export function relativeTime(
  then: Date,
  now: Date,
  locale: Locale,
  text: { justNow: string; on: (date: string) => string },
): string {
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < -300 || seconds >= 30 * 86_400) {
    return text.on(then.toLocaleDateString(locale, { dateStyle: "medium" }));
  }
  if (seconds < 60) return text.justNow;
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (locale === "en") {
    if (minutes < 60) return `${minutes} min ago`;
    if (hours < 24) return `${hours} h ago`;
    return days === 1 ? "1 day ago" : `${days} days ago`;
  }
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
  if (minutes < 60) return format.format(-minutes, "minute");
  if (hours < 24) return format.format(-hours, "hour");
  return format.format(-days, "day");
}
