// Dates and times in the person's own locale.

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const dayThisYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});
const dayOtherYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  year: 'numeric',
});

/**
 * Formats by the minute, remembered: Intl takes about 0.1 ms a call, every arriving message is
 * formatted as it is shown, and messages come in bursts within one minute. Neither format shows
 * seconds, so any time within a minute formats alike.
 */
function byMinute(format: Intl.DateTimeFormat): (ts: number) => string {
  const cache = new Map<number, string>();
  return (ts) => {
    const minute = Math.floor(ts / 60_000);
    let text = cache.get(minute);
    if (text === undefined) {
      if (cache.size >= 1_000) cache.clear();
      text = format.format(minute * 60_000);
      cache.set(minute, text);
    }
    return text;
  };
}

export const formatTime = byMinute(timeFormat);
export const formatDateTime = byMinute(fullFormat);

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
