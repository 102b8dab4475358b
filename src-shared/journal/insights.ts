// "What seems to help": the person's own mood on days with something against days without it,
// on this device. Honest by construction: a comparison speaks only with enough days on both
// sides, always shows its counts, and its words describe a pattern, never a cause.
import type { JournalEntry } from './schema';

/** Days with a mood each side must have before a comparison is shown. */
export const MIN_DAYS_EACH_SIDE = 7;

export interface Comparison {
  /** What the days have in common, e.g. the tag `walk`. */
  label: string;
  /** Those days in words, after "On days you": `noted “walk”`, `wrote in a circle`. */
  what: string;
  withDays: number;
  withoutDays: number;
  /** Average of each day's average mood, 1..5, to two decimals. */
  withAverage: number;
  withoutAverage: number;
}

export type Compared =
  { ok: true; value: Comparison } | { ok: false; withDays: number; withoutDays: number };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Each day's average mood (days without a mood are left out). */
export function dailyMoods(entries: readonly JournalEntry[]): Map<string, number> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const e of entries) {
    if (e.mood === null) continue;
    const s = sums.get(e.date) ?? { sum: 0, count: 0 };
    s.sum += e.mood;
    s.count++;
    sums.set(e.date, s);
  }
  return new Map([...sums].map(([d, s]) => [d, s.sum / s.count]));
}

/**
 * Mood on the days in `days` against the other days with a mood; refuses (with the counts)
 * when either side has fewer than `min` days.
 */
export function compareDays(
  daily: ReadonlyMap<string, number>,
  label: string,
  days: ReadonlySet<string>,
  min = MIN_DAYS_EACH_SIDE,
  what = `noted “${label}”`,
): Compared {
  let withSum = 0;
  let withDays = 0;
  let withoutSum = 0;
  let withoutDays = 0;
  for (const [date, mood] of daily) {
    if (days.has(date)) {
      withSum += mood;
      withDays++;
    } else {
      withoutSum += mood;
      withoutDays++;
    }
  }
  if (withDays < min || withoutDays < min) return { ok: false, withDays, withoutDays };
  return {
    ok: true,
    value: {
      label,
      what,
      withDays,
      withoutDays,
      withAverage: round2(withSum / withDays),
      withoutAverage: round2(withoutSum / withoutDays),
    },
  };
}

/**
 * Comparisons for the emotion tags used most (case-insensitive), only those with enough days on
 * both sides, in order of use.
 */
export function tagComparisons(
  entries: readonly JournalEntry[],
  maxTags = 6,
  min = MIN_DAYS_EACH_SIDE,
): Comparison[] {
  const daily = dailyMoods(entries);
  const daysByTag = new Map<string, Set<string>>();
  for (const e of entries)
    for (const t of e.emotions) {
      const key = t.toLocaleLowerCase();
      const days = daysByTag.get(key) ?? new Set<string>();
      days.add(e.date);
      daysByTag.set(key, days);
    }
  const found: Comparison[] = [];
  const byUse = [...daysByTag].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  for (const [tag, days] of byUse) {
    if (found.length >= maxTags) break;
    const c = compareDays(daily, tag, days, min);
    if (c.ok) found.push(c.value);
  }
  return found;
}

/** What a day the person wrote in a circle on is called in a comparison. */
export const CIRCLE_DAYS = { label: 'days-in-a-circle', what: 'wrote in a circle' } as const;

/**
 * Mood on days the person wrote in one of their circles (`circleDays`, local dates) against the
 * other days with a mood; refuses, with the counts, when either side has too few days.
 */
export function circleComparison(
  entries: readonly JournalEntry[],
  circleDays: ReadonlySet<string>,
  min = MIN_DAYS_EACH_SIDE,
): Compared {
  return compareDays(dailyMoods(entries), CIRCLE_DAYS.label, circleDays, min, CIRCLE_DAYS.what);
}

/** The comparison in words that describe, never explain: both averages with their day counts. */
export function comparisonSentence(c: Comparison): string {
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  return `On days you ${c.what}, your mood averaged ${c.withAverage.toFixed(1)} (${days(c.withDays)}); on other days it averaged ${c.withoutAverage.toFixed(1)} (${days(c.withoutDays)}).`;
}

export const COMPARISON_CAVEAT =
  'These are patterns in your own notes, not causes: other things may also have been different on those days.';
