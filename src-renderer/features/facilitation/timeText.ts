// Times for the facilitation screens in the person's own locale: "in 6 days", "5 minutes ago",
// and a full date beside them. Intl picks the words and the date order; nothing here is US-only.

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `ts` relative to `now` in the largest unit that fits: "now" under a minute, then minutes,
 * hours and days (rounded, so "in 7 days" stays that until the last half day).
 */
export function relativeTime(ts: number, now: number): string {
  const diff = ts - now;
  const size = Math.abs(diff);
  if (size < MINUTE) return relative.format(0, 'second');
  if (size < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute');
  if (size < DAY) return relative.format(Math.round(diff / HOUR), 'hour');
  return relative.format(Math.round(diff / DAY), 'day');
}

/** The date and time in the locale's own medium format. */
export const formatDateTime = (ts: number): string => dateTime.format(ts);
