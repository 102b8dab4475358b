// The on-screen mood chart's time axis: a domain that always holds every point with room around
// it (one entry spans its own day, the point in the middle), and ticks at steps that suit the
// span, labelled in the person's locale. Times are milliseconds since the epoch of UTC midnights
// (dates.ts), so the axis never depends on the machine's time zone.
import { dayMillis, type Period } from './dates';
import { formatDayMonth, formatMonth, formatYear } from './locale-dates';
import type { MoodPoint } from './stats';

const DAY_MS = 86_400_000;

/** The first moment after the period starting at `start` (the next period's start), in ms. */
export function periodEndMillis(start: string, period: Period): number {
  if (period === 'day') return dayMillis(start) + DAY_MS;
  if (period === 'week') return dayMillis(start) + 7 * DAY_MS;
  const d = new Date(dayMillis(start));
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Where a point sits on the axis: the middle of its period, so it is never on the axis's edge. */
export const pointMillis = (start: string, period: Period): number =>
  (dayMillis(start) + periodEndMillis(start, period)) / 2;

/** The series as chart columns: x in seconds at the middle of each period, y the average. */
export function chartSeries(points: readonly MoodPoint[], period: Period): [number[], number[]] {
  return [points.map((p) => pointMillis(p.start, period) / 1000), points.map((p) => p.average)];
}

/** The axis spans from the first point's period start to the last one's end; none when empty. */
export function chartDomain(
  points: readonly MoodPoint[],
  period: Period,
): { from: number; to: number } | null {
  if (points.length === 0) return null;
  return {
    from: dayMillis(points[0]!.start),
    to: periodEndMillis(points[points.length - 1]!.start, period),
  };
}

export interface AxisTick {
  /** Milliseconds since the epoch. */
  at: number;
  label: string;
}

type Step = { unit: 'day' | 'month' | 'year'; every: number };
const STEPS: Step[] = [
  { unit: 'day', every: 1 },
  { unit: 'day', every: 2 },
  { unit: 'day', every: 7 },
  { unit: 'day', every: 14 },
  { unit: 'month', every: 1 },
  { unit: 'month', every: 2 },
  { unit: 'month', every: 3 },
  { unit: 'month', every: 6 },
  { unit: 'year', every: 1 },
  { unit: 'year', every: 2 },
  { unit: 'year', every: 5 },
  { unit: 'year', every: 10 },
  { unit: 'year', every: 25 },
];
const approxDays = (s: Step) =>
  s.every * (s.unit === 'day' ? 1 : s.unit === 'month' ? 30.44 : 365.25);

/**
 * At most `maxTicks` ticks inside the domain at a whole step of days, months or years: day ticks
 * sit at noon under the day's points and read as dates (`1 Dec`), month ticks at the 1st
 * (`Dec 2026`), year ticks at 1 January (`2026`); never hours.
 */
export function axisTicks(
  domain: { from: number; to: number },
  locale?: string,
  maxTicks = 6,
): AxisTick[] {
  const spanDays = (domain.to - domain.from) / DAY_MS;
  const step =
    STEPS.find((s) => Math.floor(spanDays / approxDays(s)) + 1 <= maxTicks) ?? STEPS.at(-1)!;
  const ticks: AxisTick[] = [];
  const inside = (at: number) => at >= domain.from && at <= domain.to;
  if (step.unit === 'day') {
    const first = new Date(domain.from);
    // Weekly steps start on a Monday, like the weeks of the chart's "by week" view.
    const shift = step.every % 7 === 0 ? (8 - first.getUTCDay()) % 7 : 0;
    const crossesYear = new Date(domain.to - 1).getUTCFullYear() !== first.getUTCFullYear();
    for (
      let at = domain.from + shift * DAY_MS + DAY_MS / 2;
      at < domain.to;
      at += step.every * DAY_MS
    )
      ticks.push({
        at,
        label: formatDayMonth(at, locale, crossesYear),
      });
    return ticks;
  }
  const d = new Date(domain.from);
  let year = d.getUTCFullYear();
  let month = step.unit === 'year' ? 0 : d.getUTCMonth();
  if (step.unit === 'year') year = Math.ceil(year / step.every) * step.every;
  for (let at = Date.UTC(year, month, 1); at <= domain.to; at = Date.UTC(year, month, 1)) {
    if (inside(at))
      ticks.push({
        at,
        label: step.unit === 'year' ? formatYear(at, locale) : formatMonth(at, locale),
      });
    if (step.unit === 'year') year += step.every;
    else month += step.every;
  }
  return ticks;
}
