// Mood statistics, streaks, calendar data and search over entries. Pure: everything is computed
// from the entries' local dates, and "today" is passed in, never read from a clock.
import { daysBetween, periodLabel, periodStart, shiftDays, type Period } from './dates';
import type { JournalEntry } from './schema';

export interface MoodPoint {
  /** First day of the period, `YYYY-MM-DD`. */
  start: string;
  label: string;
  /** Average mood of the entries in the period that have one, 1..5. */
  average: number;
  count: number;
}

/** Average mood per day, ISO week or month, oldest first; periods without a mood are left out. */
export function moodSeries(entries: readonly JournalEntry[], period: Period): MoodPoint[] {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const e of entries) {
    if (e.mood === null) continue;
    const key = periodStart(e.date, period);
    const s = sums.get(key);
    if (s) {
      s.sum += e.mood;
      s.count++;
    } else sums.set(key, { sum: e.mood, count: 1 });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, s]) => ({
      start,
      label: periodLabel(start, period),
      average: round2(s.sum / s.count),
      count: s.count,
    }));
}

export interface Streaks {
  /** Consecutive days with an entry, ending today (or yesterday, while today is still open). */
  current: number;
  longest: number;
}

export function streaks(entries: readonly JournalEntry[], today: string): Streaks {
  const days = [...new Set(entries.map((e) => e.date))].sort();
  let longest = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of days) {
    run = prev !== null && daysBetween(prev, d) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  const have = new Set(days);
  let cursor = have.has(today) ? today : shiftDays(today, -1);
  let current = 0;
  while (have.has(cursor)) {
    current++;
    cursor = shiftDays(cursor, -1);
  }
  return { current, longest };
}

export interface Summary {
  entries: number;
  withMood: number;
  /** Averages of mood, or null when there is no mood in the window. */
  overall: number | null;
  last7Days: number | null;
  last30Days: number | null;
  streaks: Streaks;
}

export function summarize(entries: readonly JournalEntry[], today: string): Summary {
  const avgSince = (from: string | null) => {
    let sum = 0;
    let n = 0;
    for (const e of entries) {
      if (e.mood === null || (from !== null && (e.date < from || e.date > today))) continue;
      sum += e.mood;
      n++;
    }
    return n === 0 ? null : round2(sum / n);
  };
  return {
    entries: entries.length,
    withMood: entries.filter((e) => e.mood !== null).length,
    overall: avgSince(null),
    last7Days: avgSince(shiftDays(today, -6)),
    last30Days: avgSince(shiftDays(today, -29)),
    streaks: streaks(entries, today),
  };
}

export interface CalendarDay {
  date: string;
  /** False for the days of the neighbouring months that fill the first and last week. */
  inMonth: boolean;
  count: number;
  average: number | null;
}

/** A month (`YYYY-MM`) as whole ISO weeks (Monday first) of days with their entry count and mood. */
export function calendarMonth(entries: readonly JournalEntry[], month: string): CalendarDay[][] {
  const first = `${month}-01`;
  const byDay = new Map<string, { sum: number; moods: number; count: number }>();
  for (const e of entries) {
    if (!e.date.startsWith(month)) continue;
    const d = byDay.get(e.date) ?? { sum: 0, moods: 0, count: 0 };
    d.count++;
    if (e.mood !== null) {
      d.sum += e.mood;
      d.moods++;
    }
    byDay.set(e.date, d);
  }
  const weeks: CalendarDay[][] = [];
  let cursor = periodStart(first, 'week');
  while (cursor.slice(0, 7) <= month || weeks.length === 0) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const d = byDay.get(cursor);
      week.push({
        date: cursor,
        inMonth: cursor.startsWith(month),
        count: d?.count ?? 0,
        average: d && d.moods > 0 ? round2(d.sum / d.moods) : null,
      });
      cursor = shiftDays(cursor, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

export interface EntryFilter {
  /** Words to find in the text, notes or emotions (case-insensitive); empty finds everything. */
  text?: string;
  /** An emotion tag the entry must have (case-insensitive). */
  tag?: string;
  /** Inclusive local dates, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

/** Entries matching every given condition, in the order given. */
export function filterEntries<T extends JournalEntry>(
  entries: readonly T[],
  filter: EntryFilter,
): T[] {
  const words = (filter.text ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const tag = filter.tag?.trim().toLocaleLowerCase() || null;
  return entries.filter((e) => {
    if (filter.from && e.date < filter.from) return false;
    if (filter.to && e.date > filter.to) return false;
    if (tag && !e.emotions.some((t) => t.toLocaleLowerCase() === tag)) return false;
    if (words.length === 0) return true;
    const hay = [e.text, e.sleep, e.energy, ...e.emotions].join('\n').toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Every emotion tag used, most used first (ties alphabetically). */
export function allTags(entries: readonly JournalEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entries) for (const t of e.emotions) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t]) => t);
}

const round2 = (x: number) => Math.round(x * 100) / 100;
