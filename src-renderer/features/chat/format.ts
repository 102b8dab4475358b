// Dates and times in the person's own locale.

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const dayThisYear = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const dayOtherYear = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });

export const formatTime = (ts: number): string => timeFormat.format(ts);
export const formatDateTime = (ts: number): string => fullFormat.format(ts);

/** Midnight (local time) of the day a timestamp falls on: the key for day separators. */
export function startOfDay(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Midnight (local time) of the following day. */
export function startOfNextDay(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** "Today", "Yesterday", or the date. */
export function formatDay(dayStart: number, now: number = Date.now()): string {
  const today = startOfDay(now);
  if (dayStart === today) return 'Today';
  if (dayStart === startOfDay(today - 12 * 60 * 60 * 1000)) return 'Yesterday';
  const sameYear = new Date(dayStart).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? dayThisYear : dayOtherYear).format(dayStart);
}
