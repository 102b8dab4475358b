// The on-screen mood chart's time axis fits its data at every range (one entry to many years),
// with ticks that suit the span, and dates in the person's own locale (never a US default).
import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  chartDomain,
  chartSeries,
  dayMillis,
  formatDay,
  formatEntryWhen,
  formatPeriod,
  formatTime,
  moodSeries,
  shiftDays,
  type Period,
} from '../../src-shared/journal';
import { entry } from '../support/journal-fixtures';

const DAY_MS = 86_400_000;
const day = (date: string, mood: 1 | 2 | 3 | 4 | 5) =>
  entry(`d-${date}-${mood}-${Math.random()}`, `${date}T12:00:00.000Z`, { mood }, 0);
/** `n` consecutive days of entries from `start`. */
const run = (start: string, n: number) =>
  Array.from({ length: n }, (_, i) => day(shiftDays(start, i), ((i % 5) + 1) as 1));

function axisOf(entries: ReturnType<typeof day>[], period: Period, locale = 'en-GB') {
  const points = moodSeries(entries, period);
  const domain = chartDomain(points, period)!;
  const [xs] = chartSeries(points, period);
  const ticks = axisTicks(domain, locale);
  return { points, domain, xs: xs.map((s) => s * 1000), ticks };
}

/** Every point and tick lies inside the domain, the points strictly (never on an edge). */
function expectFits(a: ReturnType<typeof axisOf>) {
  for (const x of a.xs) {
    expect(x).toBeGreaterThan(a.domain.from);
    expect(x).toBeLessThan(a.domain.to);
  }
  expect(a.ticks.length).toBeGreaterThan(0);
  expect(a.ticks.length).toBeLessThanOrEqual(6);
  for (const t of a.ticks) {
    expect(t.at).toBeGreaterThanOrEqual(a.domain.from);
    expect(t.at).toBeLessThanOrEqual(a.domain.to);
    expect(t.label).not.toMatch(/am|pm|:/i);
  }
}

describe('the mood chart axis', () => {
  it('spans the one entry’s day, with the point in the middle and the date as its tick', () => {
    const a = axisOf([day('2026-12-01', 4)], 'day');
    expect(a.domain).toEqual({ from: dayMillis('2026-12-01'), to: dayMillis('2026-12-02') });
    expect(a.xs).toEqual([dayMillis('2026-12-01') + DAY_MS / 2]);
    expect(a.ticks.map((t) => t.label)).toEqual(['1 Dec']);
    expectFits(a);
  });

  it('spans one day holding several entries, by week and by month too', () => {
    const entries = [day('2026-12-01', 2), day('2026-12-01', 4)];
    expectFits(axisOf(entries, 'day'));
    const week = axisOf(entries, 'week');
    expect(week.domain).toEqual({ from: dayMillis('2026-11-30'), to: dayMillis('2026-12-07') });
    expectFits(week);
    const month = axisOf(entries, 'month');
    expect(month.domain).toEqual({ from: dayMillis('2026-12-01'), to: dayMillis('2027-01-01') });
    expectFits(month);
  });

  it('labels a week by its days, as dates', () => {
    const a = axisOf(run('2026-11-30', 7), 'day');
    expect(a.domain).toEqual({ from: dayMillis('2026-11-30'), to: dayMillis('2026-12-07') });
    expectFits(a);
    expect(a.ticks.map((t) => t.label)).toEqual(['30 Nov', '2 Dec', '4 Dec', '6 Dec']);
  });

  it('labels a year by months', () => {
    const a = axisOf(run('2026-01-01', 365), 'week');
    expectFits(a);
    for (const t of a.ticks) expect(t.label).toMatch(/^[A-Z][a-z]{2,3} 20\d\d$/);
    expect(new Date(a.ticks[0]!.at).getUTCDate()).toBe(1);
  });

  it('labels many years by whole years, and a span across New Year by dates with the year', () => {
    const a = axisOf([day('2014-03-02', 3), day('2026-11-30', 4)], 'month');
    expectFits(a);
    for (const t of a.ticks) expect(t.label).toMatch(/^20\d\d$/);
    const newYear = axisOf(run('2026-12-29', 6), 'day');
    expectFits(newYear);
    expect(newYear.ticks.map((t) => t.label)).toContain('2 Jan 2027');
  });

  it('has no domain without points', () => {
    expect(chartDomain([], 'day')).toBeNull();
  });

  it('lays out 5,000 days quickly', () => {
    const points = moodSeries(run('2013-01-01', 5000), 'day');
    const t0 = performance.now();
    const domain = chartDomain(points, 'day')!;
    chartSeries(points, 'day');
    const ticks = axisTicks(domain, 'en-GB');
    // About 1 ms alone; the bound leaves room for a loaded machine and stays far under the
    // chart's 200 ms budget (journalChart5kMs).
    expect(performance.now() - t0).toBeLessThan(50);
    expect(ticks.map((t) => t.label)).toEqual(['2015', '2020', '2025']);
  });
});

describe('journal dates in the person’s locale', () => {
  it('puts day and month in each locale’s own order', () => {
    expect(formatDay('2026-12-01', 'en-GB')).toBe('1 Dec 2026');
    expect(formatDay('2026-12-01', 'en-US')).toBe('Dec 1, 2026');
    expect(formatDay('2026-12-01', 'de-DE')).toBe('1. Dez. 2026');
    const us = axisOf([day('2026-12-01', 4)], 'day', 'en-US');
    expect(us.ticks.map((t) => t.label)).toEqual(['Dec 1']);
  });

  it('says times as each locale does, and names periods the same way as the axis', () => {
    expect(formatTime('21:40', 'en-GB')).toBe('21:40');
    expect(formatTime('21:40', 'en-US')).toMatch(/^9:40\sPM$/);
    expect(formatPeriod('2026-12-01', 'day', 'en-GB')).toBe('1 Dec 2026');
    expect(formatPeriod('2026-11-30', 'week', 'en-US')).toBe('Week of Nov 30, 2026');
    expect(formatPeriod('2026-12-01', 'month', 'en-GB')).toBe('December 2026');
    // ICU versions differ on the comma after the weekday and a leading zero; the order does not.
    expect(formatEntryWhen('2026-12-01', '08:05', 'en-GB')).toMatch(
      /^Tuesday,? 1 December 2026, 0?8:05$/,
    );
    expect(formatEntryWhen('2026-12-01', '08:05', 'en-US')).toMatch(
      /^Tuesday, December 1, 2026, 8:05\sAM$/,
    );
  });
});
