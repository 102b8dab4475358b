// Calendar arithmetic on local dates (`YYYY-MM-DD`). Dates are handled as UTC midnights so the
// answers never depend on the time zone of the machine that runs them (tests, a travelling
// laptop). Day arithmetic is plain integer maths on the hot paths (statistics over thousands
// of entries); date-fns does the ISO weeks and the long labels.
import { UTCDate } from '@date-fns/utc';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';

export type Period = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Milliseconds since the epoch of the date's midnight, read as UTC (also the chart's x axis). */
export const dayMillis = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
/** `YYYY-MM-DD` of a UTC midnight. */
const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The date `n` days after `date` (n may be negative). */
export const shiftDays = (date: string, n: number): string => dayKey(dayMillis(date) + n * DAY_MS);

/** Whole days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((dayMillis(b) - dayMillis(a)) / DAY_MS);

/** The first day of the period containing `date`: itself, its ISO week's Monday, or the 1st. */
export function periodStart(date: string, period: Period): string {
  if (period === 'day') return date;
  if (period === 'month') return `${date.slice(0, 7)}-01`;
  const ms = dayMillis(date);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return dayKey(ms - sinceMonday * DAY_MS);
}

/** A short human label for the period starting at `start`, e.g. `24 Nov 2026`, `Week 48, 2026`, `November 2026`. */
export function periodLabel(start: string, period: Period): string {
  if (period === 'day')
    return `${Number(start.slice(8, 10))} ${MONTHS[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
  const d = new UTCDate(dayMillis(start));
  if (period === 'month') return format(d, 'MMMM yyyy');
  return `Week ${getISOWeek(d)}, ${getISOWeekYear(d)}`;
}

/** A long label for a day, e.g. `Tuesday 24 November 2026`. */
export const longDate = (date: string): string =>
  format(new UTCDate(dayMillis(date)), 'EEEE d MMMM yyyy');
