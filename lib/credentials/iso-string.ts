/**
 * `date.toISOString()`, remembered by the date's time value. The verifier writes a credential's
 * validity period into each result (and the roster its end date into each row), and formatting a
 * date costs more than the rest of the validity check; credentials issued together share their
 * dates, so a roster formats each distinct date once. The key is the exact millisecond, so two
 * dates a millisecond apart never share a text. An invalid date throws as `toISOString` does and
 * is never remembered. Bounded: past `MAX_REMEMBERED` dates it starts afresh.
 */

const MAX_REMEMBERED = 512;
const remembered = new Map<number, string>();

export function isoString(date: Date): string {
  const time = date.getTime();
  let text = remembered.get(time);
  if (text === undefined) {
    text = date.toISOString();
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(time, text);
  }
  return text;
}
