/**
 * "2 min ago" for a past instant, in the short form the check list uses. Block timestamps come
 * from another clock, so a little of the future counts as "just now"; beyond that, or past a
 * month, the date itself says more than an age.
 */
export function relativeAge(then: Date, now: Date, locale?: string): string {
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < -300 || seconds >= 30 * 86_400) {
    return `on ${then.toLocaleDateString(locale, { dateStyle: "medium" })}`;
  }
  if (seconds < 60) return "just now";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 day ago" : `${days} days ago`;
}
