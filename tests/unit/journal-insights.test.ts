import { describe, expect, it } from 'vitest';
import { daysWritten } from '../../src-renderer/services/circles/circle-days';
import {
  circleComparison,
  compareDays,
  comparisonSentence,
  COMPARISON_CAVEAT,
  dailyMoods,
  MIN_DAYS_EACH_SIDE,
  shiftDays,
  tagComparisons,
  type JournalEntry,
} from '../../src-shared/journal';

let n = 0;
function entry(date: string, mood: JournalEntry['mood'], emotions: string[] = []): JournalEntry {
  const at = `${date}T12:00:00.000Z`;
  n++;
  return {
    id: `entry-${String(n).padStart(6, '0')}`,
    kind: 'check-in',
    at,
    date,
    time: '12:00',
    utcOffset: 0,
    mood,
    emotions,
    sleep: '',
    energy: '',
    text: '',
    createdAt: at,
    updatedAt: at,
  };
}

/** `withDays` days tagged `walk` at mood 4, then `withoutDays` untagged days at mood 2. */
function days(withDays: number, withoutDays: number): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (let i = 0; i < withDays; i++) out.push(entry(shiftDays('2026-01-01', i), 4, ['Walk']));
  for (let i = 0; i < withoutDays; i++) out.push(entry(shiftDays('2026-06-01', i), 2));
  return out;
}

describe('what seems to help', () => {
  it('refuses to speak with too little data on either side, and says how much there is', () => {
    const few = days(MIN_DAYS_EACH_SIDE - 1, 30);
    expect(tagComparisons(few)).toEqual([]);
    const daily = dailyMoods(few);
    const walkDays = new Set(few.filter((e) => e.emotions.length > 0).map((e) => e.date));
    expect(compareDays(daily, 'walk', walkDays)).toEqual({
      ok: false,
      withDays: MIN_DAYS_EACH_SIDE - 1,
      withoutDays: 30,
    });
    expect(tagComparisons(days(30, MIN_DAYS_EACH_SIDE - 1))).toEqual([]);
    expect(tagComparisons([])).toEqual([]);
  });

  it('compares day averages with enough days on both sides, tags case-insensitively', () => {
    const enough = [
      ...days(MIN_DAYS_EACH_SIDE, MIN_DAYS_EACH_SIDE),
      entry('2026-01-01', 2, ['walk']),
    ];
    // 2026-01-01 now has moods 4 and 2: that day averages 3, so the walk days average 27/7.
    expect(tagComparisons(enough)).toEqual([
      {
        label: 'walk',
        what: 'noted “walk”',
        withDays: 7,
        withoutDays: 7,
        withAverage: 3.86,
        withoutAverage: 2,
      },
    ]);
    // Entries without a mood are no day at all.
    expect(tagComparisons([...enough, entry('2026-09-09', null, ['walk'])])[0]!.withDays).toBe(7);
  });

  it('words a difference as a pattern with its counts, never as a cause', () => {
    const [c] = tagComparisons(days(8, 12));
    const sentence = comparisonSentence(c!);
    expect(sentence).toBe(
      'On days you noted “walk”, your mood averaged 4.0 (8 days); on other days it averaged 2.0 (12 days).',
    );
    expect(sentence).not.toMatch(
      /\b(because|caus(es|ed)|makes you|helps you|improves|leads to)\b/i,
    );
    expect(COMPARISON_CAVEAT).toMatch(/not causes/);
  });
});

describe('days in a circle', () => {
  const ME = 'my-key';
  const at = (date: string, hour: number) =>
    new Date(`${date}T${String(hour).padStart(2, '0')}:30:00`).getTime();
  const message = (author: string, ts: number) => ({ id: `m${ts}`, author, ts, text: 'hi' });

  it('are the local days with a message of our own, in any circle, whoever else wrote', () => {
    process.env.TZ = 'Pacific/Auckland';
    const circles = [
      {
        myKey: ME,
        ledger: {
          messages: [
            message('someone', at('2026-03-01', 9)),
            message(ME, at('2026-03-02', 0)),
            message(ME, at('2026-03-02', 23)),
            message(ME, at('2026-03-04', 12)),
          ],
        },
      },
      { myKey: 'other-me', ledger: { messages: [message('other-me', at('2026-03-05', 1))] } },
    ];
    expect([...daysWritten(circles)].sort()).toEqual(['2026-03-02', '2026-03-04', '2026-03-05']);
  });

  it('compare mood on those days with the other days only with enough of each', () => {
    const entries = days(10, 10);
    const circleDays = new Set(entries.slice(0, 10).map((e) => e.date));
    const c = circleComparison(entries, circleDays);
    expect(c.ok && comparisonSentence(c.value)).toBe(
      'On days you wrote in a circle, your mood averaged 4.0 (10 days); on other days it averaged 2.0 (10 days).',
    );
    const few = new Set([...circleDays].slice(0, MIN_DAYS_EACH_SIDE - 1));
    expect(circleComparison(entries, few)).toEqual({
      ok: false,
      withDays: MIN_DAYS_EACH_SIDE - 1,
      withoutDays: 20 - (MIN_DAYS_EACH_SIDE - 1),
    });
    // Circle days without a mood that day are no day at all.
    expect(circleComparison(entries, new Set(['2030-01-01']))).toMatchObject({ withDays: 0 });
  });
});
