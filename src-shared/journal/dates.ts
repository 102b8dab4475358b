// Calendar arithmetic on local dates (`YYYY-MM-DD`). Dates are handled as UTC midnights so the
// answers never depend on the time zone of the machine that runs them (tests, a travelling laptop).
import { UTCDate } from '@date-fns/utc';
import { addDays, differenceInCalendarDays, format, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';

export type Period = 'day' | 'week' | 'month';

/** The date as a UTC midnight. */
export const utcDay = (date: string): UTCDate => new UTCDate(`${date}T00:00:00.000Z`);
/** `YYYY-MM-DD` of a UTC date. */
export const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

/** The date `n` days after `date` (n may be negative). */
export const shiftDays = (date: string, n: number): string => dayKey(addDays(utcDay(date), n));

/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number => differenceInCalendarDays(utcDay(b), utcDay(a));

/** The first day of the period containing `date`: itself, its ISO week's Monday, or the 1st. */
export function periodStart(date: string, period: Period): string {
  if (period === 'day') return date;
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  return dayKey(startOfISOWeek(utcDay(date)));
}

/** A short human label for the period starting at `start`, e.g. `24 Nov 2026`, `Week 48, 2026`, `November 2026`. */
export function periodLabel(start: string, period: Period): string {
  const d = utcDay(start);
  if (period === 'day') return format(d, 'd MMM yyyy');
  if (period === 'month') return format(d, 'MMMM yyyy');
  return `Week ${getISOWeek(d)}, ${getISOWeekYear(d)}`;
}

/** A long label for a day, e.g. `Tuesday 24 November 2026`. */
export const longDate = (date: string): string => format(utcDay(date), 'EEEE d MMMM yyyy');

/** Milliseconds since the epoch of the local date's midnight, read as UTC (for chart axes). */
export const dayMillis = (date: string): number => utcDay(date).getTime();
