// Averages, streaks, calendar and search over local dates; none of it reads the machine's clock
// or time zone (the entries carry their own offsets, and "today" is passed in).
import { describe, expect, it } from 'vitest';
import {
  allTags,
  calendarMonth,
  filterEntries,
  localParts,
  moodChartShape,
  moodSeries,
  periodFor,
  streaks,
  summarize,
} from '../../src-shared/journal';
import { entry, FIXTURE } from '../support/journal-fixtures';

const day = (date: string, mood: 1 | 2 | 3 | 4 | 5 | null, extra = {}) =>
  entry(
    `day-${date}-${Math.random().toString(36).slice(2, 8)}`,
    `${date}T12:00:00.000Z`,
    { mood, ...extra },
    0,
  );

describe('local dates', () => {
  it('come from the instant and the writer’s offset, not this machine', () => {
    expect(localParts('2026-11-22T23:30:00.000Z', 60)).toEqual({
      date: '2026-11-23',
      time: '00:30',
    });
    expect(localParts('2026-11-22T23:30:00.000Z', -300)).toEqual({
      date: '2026-11-22',
      time: '18:30',
    });
    expect(localParts('2026-03-01T03:00:00.000Z', 330)).toEqual({
      date: '2026-03-01',
      time: '08:30',
    });
  });
});

describe('moodSeries', () => {
  const entries = [
    day('2026-11-02', 2),
    day('2026-11-02', 4),
    day('2026-11-03', 5),
    day('2026-11-09', 1),
    day('2026-12-01', null),
    day('2026-12-31', 3),
  ];

  it('averages by day, ISO week (Monday first) and month, skipping entries without a mood', () => {
    expect(moodSeries(entries, 'day').map((p) => [p.start, p.average, p.count])).toEqual([
      ['2026-11-02', 3, 2],
      ['2026-11-03', 5, 1],
      ['2026-11-09', 1, 1],
      ['2026-12-31', 3, 1],
    ]);
    expect(moodSeries(entries, 'week').map((p) => [p.start, p.label, p.average])).toEqual([
      ['2026-11-02', 'Week 45, 2026', 3.67],
      ['2026-11-09', 'Week 46, 2026', 1],
      ['2026-12-28', 'Week 53, 2026', 3],
    ]);
    expect(moodSeries(entries, 'month').map((p) => [p.label, p.average, p.count])).toEqual([
      ['November 2026', 3, 4],
      ['December 2026', 3, 1],
    ]);
  });

  it('chooses days, weeks or months for an export by the span', () => {
    expect(periodFor([day('2026-01-01', 3), day('2026-02-15', 3)])).toBe('day');
    expect(periodFor([day('2025-01-01', 3), day('2026-02-15', 3)])).toBe('week');
    expect(periodFor([day('2020-01-01', 3), day('2026-02-15', 3)])).toBe('month');
  });

  it('lays the chart out with mood 5 at the top and 1 at the bottom', () => {
    const shape = moodChartShape([day('2026-11-01', 5), day('2026-11-03', 1)], 'day', {
      width: 236,
      height: 130,
    });
    expect(shape.dots).toEqual([
      { x: 28, y: 8 },
      { x: 228, y: 108 },
    ]);
    expect(shape.path).toBe('M28 8 L228 108');
  });
});

describe('streaks', () => {
  const on = (...dates: string[]) => dates.map((d) => day(d, 3));

  it('counts the run up to today, or up to yesterday while today is still open', () => {
    const entries = on(
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-10',
      '2026-11-11',
    );
    expect(streaks(entries, '2026-11-23')).toEqual({ current: 4, longest: 4 });
    expect(streaks(entries, '2026-11-24')).toEqual({ current: 4, longest: 4 });
    expect(streaks(entries, '2026-11-25')).toEqual({ current: 0, longest: 4 });
  });

  it('counts a day once however many entries it has, across month ends', () => {
    expect(
      streaks(on('2026-10-30', '2026-10-31', '2026-10-31', '2026-11-01'), '2026-11-01'),
    ).toEqual({ current: 3, longest: 3 });
    expect(streaks([], '2026-11-01')).toEqual({ current: 0, longest: 0 });
  });

  it('summarizes 7-day, 30-day and overall averages', () => {
    const s = summarize(
      [
        day('2026-11-24', 5),
        day('2026-11-18', 3),
        day('2026-11-10', 1),
        day('2026-01-01', 1),
        day('2026-11-23', null),
      ],
      '2026-11-24',
    );
    expect(s).toMatchObject({
      entries: 5,
      withMood: 4,
      last7Days: 4,
      last30Days: 3,
      overall: 2.5,
      streaks: { current: 2, longest: 2 },
    });
  });
});

describe('calendarMonth', () => {
  it('is whole Monday-first weeks with counts and averages for the month’s days', () => {
    const weeks = calendarMonth(
      [day('2026-11-02', 2), day('2026-11-02', 5), day('2026-11-30', null), day('2026-12-01', 1)],
      '2026-11',
    );
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![0]).toEqual({ date: '2026-10-26', inMonth: false, count: 0, average: null });
    expect(weeks[1]![0]).toEqual({ date: '2026-11-02', inMonth: true, count: 2, average: 3.5 });
    expect(weeks[5]![0]).toEqual({ date: '2026-11-30', inMonth: true, count: 1, average: null });
    expect(weeks[5]![1]).toEqual({ date: '2026-12-01', inMonth: false, count: 0, average: null });
    expect(weeks.flat().every((d, i, all) => i === 0 || d.date > all[i - 1]!.date)).toBe(true);
  });
});

describe('filterEntries', () => {
  it('finds by words anywhere, by emotion, and by date range, all together', () => {
    const ids = (f: Parameters<typeof filterEntries>[1]) =>
      filterEntries(FIXTURE, f).map((e) => e.id.slice(-1));
    expect(ids({})).toEqual(['1', '2', '3', '4']);
    expect(ids({ text: 'DOG rough' })).toEqual(['1']);
    expect(ids({ text: 'woke' })).toEqual(['1']);
    expect(ids({ text: 'hopeful' })).toEqual(['4']);
    expect(ids({ tag: 'Calm' })).toEqual(['2']);
    expect(ids({ from: '2026-11-21', to: '2026-11-23' })).toEqual(['2', '3']);
    expect(ids({ text: 'sam', from: '2026-11-22' })).toEqual([]);
    expect(
      allTags([
        ...FIXTURE,
        entry('entry-zzzz-0005', '2026-11-24T09:00:00.000Z', { emotions: ['calm'] }),
      ]),
    ).toEqual(['calm', '*anxious*', 'grateful', 'hopeful', 'tired']);
  });
});
