// Each instrument's results over time, as points the mood chart's axis code can lay out, and
// when a questionnaire is next due.
import { periodLabel, shiftDays } from '../dates';
import type { MoodPoint } from '../stats';
import { INSTRUMENTS, type InstrumentId } from './instruments';
import { compareOldestFirst, type MeasureResult } from './result-schema';
import { scoreAnswers } from './score';

export interface MeasurePoint extends MoodPoint {
  /** The band's published name at this point. */
  band: string;
}

/**
 * One point per day for `instrument`, oldest first; a day with two results shows the later one
 * (a questionnaire covers two weeks, so averaging two on one day would invent a score).
 */
export function measureSeries(
  results: readonly MeasureResult[],
  instrument: InstrumentId,
): MeasurePoint[] {
  const byDay = new Map<string, MeasurePoint>();
  for (const r of [...results].sort(compareOldestFirst)) {
    if (r.instrument !== instrument) continue;
    const scored = scoreAnswers(instrument, r.answers);
    if (!scored.ok) continue;
    byDay.set(r.date, {
      start: r.date,
      label: periodLabel(r.date, 'day'),
      average: scored.value.score,
      count: 1,
      band: scored.value.band.name,
    });
  }
  return [...byDay.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
}

/** The latest result of `instrument`, or null. */
export function latestResult(
  results: readonly MeasureResult[],
  instrument: InstrumentId,
): MeasureResult | null {
  let latest: MeasureResult | null = null;
  for (const r of results)
    if (r.instrument === instrument && (!latest || compareOldestFirst(latest, r) < 0)) latest = r;
  return latest;
}

/** The date a chosen questionnaire is next due: `everyDays` after the last one, or today if never taken. */
export function nextDue(
  results: readonly MeasureResult[],
  instrument: InstrumentId,
  everyDays: number,
  today: string,
): string {
  const last = latestResult(results, instrument);
  return last ? shiftDays(last.date, everyDays) : today;
}

/** The name shown with a score: `PHQ-9: 7 of 27 (Mild)`. */
export function scoreLine(instrument: InstrumentId, score: number, band: string): string {
  const i = INSTRUMENTS[instrument];
  return `${i.name}: ${score} of ${i.maxScore} (${band})`;
}
