// Dates and times in the person's own locale (Intl), for everything the journal shows on screen.
// Dates are local calendar days kept as UTC midnights (dates.ts), so every format here is read in
// UTC: the day shown is the day written, whatever the machine's time zone.
import { dayMillis, type Period } from './dates';

const formats = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per locale and options (building one costs far more than using it). */
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formats.set(key, f);
  }
  return f;
}

/** A calendar day with its year in the locale's order, e.g. `1 Dec 2026` (en-GB), `Dec 1, 2026` (en-US). */
export const formatDay = (date: string, locale?: string): string =>
  formatter(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(dayMillis(date));

/** A long day, e.g. `Tuesday 1 December 2026` (en-GB), `Tuesday, December 1, 2026` (en-US). */
export const formatLongDay = (date: string, locale?: string): string =>
  formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    dayMillis(date),
  );

/** A day and month (and the year if asked), in the locale's order: `1 Dec` (en-GB), `Dec 1` (en-US). */
export const formatDayMonth = (ms: number, locale?: string, withYear = false): string =>
  formatter(locale, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(ms);

/** A month and year, short (`Dec 2026`) or long (`December 2026`), as the locale writes them. */
export const formatMonth = (ms: number, locale?: string, long = false): string =>
  formatter(locale, { month: long ? 'long' : 'short', year: 'numeric' }).format(ms);

/** The year alone, in the locale's digits. */
export const formatYear = (ms: number, locale?: string): string =>
  formatter(locale, { year: 'numeric' }).format(ms);

/** A wall-clock time `HH:MM` as the locale says it: `21:40` (en-GB), `9:40 PM` (en-US). */
export function formatTime(time: string, locale?: string): string {
  const ms = Date.UTC(1970, 0, 1, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  return formatter(locale, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** A period starting at `start`, as the chart caption and table name it, in the locale's words. */
export function formatPeriod(start: string, period: Period, locale?: string): string {
  if (period === 'day') return formatDay(start, locale);
  if (period === 'month') return formatMonth(dayMillis(start), locale, true);
  return `Week of ${formatDay(start, locale)}`;
}

/** An entry's date and time as its heading on screen, e.g. `Tuesday 1 December 2026, 21:40`. */
export const formatEntryWhen = (date: string, time: string, locale?: string): string =>
  `${formatLongDay(date, locale)}, ${formatTime(time, locale)}`;
