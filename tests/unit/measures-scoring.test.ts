import { describe, expect, it } from 'vitest';
import {
  closingAsked,
  GAD7,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  MeasureResultSchema,
  measureSeries,
  needsSupportNow,
  nextDue,
  PHQ9,
  scoreAnswers,
  WHO5,
  type InstrumentId,
} from '../../src-shared/journal';

const filled = (id: InstrumentId, value: number) =>
  Array.from({ length: INSTRUMENTS[id].items.length }, () => value);

/** Answers summing to `raw`, filled from the first item, each at most `top`. */
function summing(id: InstrumentId, raw: number): number[] {
  const top = Math.max(...INSTRUMENTS[id].options.map((o) => o.value));
  return filled(id, 0).map((_, i) => Math.max(0, Math.min(top, raw - i * top)));
}

function score(id: InstrumentId, answers: number[]) {
  const r = scoreAnswers(id, answers);
  if (!r.ok) throw new Error(`refused: ${r.missing.join(',')}`);
  return r.value;
}

describe('published instruments', () => {
  it('have the published item counts and answer scales', () => {
    expect(WHO5.items).toHaveLength(5);
    expect(PHQ9.items).toHaveLength(9);
    expect(GAD7.items).toHaveLength(7);
    expect(WHO5.options.map((o) => o.value)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(PHQ9.options.map((o) => o.label)).toEqual([
      'Not at all',
      'Several days',
      'More than half the days',
      'Nearly every day',
    ]);
    expect(PHQ9.items[8]).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
    for (const id of INSTRUMENT_IDS) expect(INSTRUMENTS[id].source.url).toMatch(/^https:\/\//);
  });

  it('bands cover every score from 0 to the maximum exactly once', () => {
    for (const id of INSTRUMENT_IDS) {
      const i = INSTRUMENTS[id];
      for (let s = 0; s <= i.maxScore; s++)
        expect(i.bands.filter((b) => s >= b.min && s <= b.max)).toHaveLength(1);
    }
  });
});

describe('scoring against worked examples', () => {
  it('all minimum and all maximum', () => {
    expect(score('who5', filled('who5', 0))).toMatchObject({ raw: 0, score: 0 });
    expect(score('who5', filled('who5', 5))).toMatchObject({ raw: 25, score: 100 });
    expect(score('phq9', filled('phq9', 0))).toMatchObject({ raw: 0, score: 0 });
    expect(score('phq9', filled('phq9', 3))).toMatchObject({ raw: 27, score: 27 });
    expect(score('gad7', filled('gad7', 0))).toMatchObject({ raw: 0, score: 0 });
    expect(score('gad7', filled('gad7', 3))).toMatchObject({ raw: 21, score: 21 });
  });

  it('WHO-5 reports the raw score ×4 as a percentage, with its cut-offs at 28 and 50', () => {
    // The WHO-5 page's example: raw 13 is 52%; raw 12 (48%) "indicates poor wellbeing".
    expect(score('who5', [3, 3, 3, 2, 2])).toMatchObject({ raw: 13, score: 52 });
    expect(score('who5', summing('who5', 7)).band.name).toBe('Very low well-being');
    expect(score('who5', summing('who5', 7)).score).toBe(28);
    expect(score('who5', summing('who5', 8)).band.name).toBe('Low well-being');
    expect(score('who5', summing('who5', 12)).band.name).toBe('Low well-being');
    expect(score('who5', summing('who5', 13)).band.name).toBe('Well-being in the usual range');
  });

  it('PHQ-9 band edges at 5, 10, 15 and 20', () => {
    const band = (raw: number) => score('phq9', summing('phq9', raw)).band.name;
    expect([4, 5, 9, 10, 14, 15, 19, 20].map(band)).toEqual([
      'None–minimal',
      'Mild',
      'Mild',
      'Moderate',
      'Moderate',
      'Moderately severe',
      'Moderately severe',
      'Severe',
    ]);
  });

  it('GAD-7 band edges at 5, 10 and 15', () => {
    const band = (raw: number) => score('gad7', summing('gad7', raw)).band.name;
    expect([4, 5, 9, 10, 14, 15].map(band)).toEqual([
      'Minimal',
      'Mild',
      'Mild',
      'Moderate',
      'Moderate',
      'Severe',
    ]);
  });

  it('refuses missing, extra or off-scale answers and names the items', () => {
    expect(scoreAnswers('phq9', [0, 1, 2, 3, 0, 1, 2, 3])).toEqual({ ok: false, missing: [9] });
    expect(scoreAnswers('gad7', [0, null, 1, undefined, 2, 3, 0])).toEqual({
      ok: false,
      missing: [2, 4],
    });
    expect(scoreAnswers('phq9', [...filled('phq9', 0).slice(0, 8), 4]).ok).toBe(false);
    expect(scoreAnswers('who5', [1, 2, 3, 4, 5, 0]).ok).toBe(false);
    expect(scoreAnswers('who5', [1.5, 2, 3, 4, 5]).ok).toBe(false);
  });
});

describe('the self-harm item', () => {
  it('asks for support at once when PHQ-9 item 9 is above "Not at all", even before the end', () => {
    const partial: (number | null)[] = Array.from({ length: 9 }, () => null);
    expect(needsSupportNow('phq9', partial)).toBe(false);
    partial[8] = 0;
    expect(needsSupportNow('phq9', partial)).toBe(false);
    for (const v of [1, 2, 3]) {
      partial[8] = v;
      expect(needsSupportNow('phq9', partial)).toBe(true);
    }
    expect(needsSupportNow('gad7', filled('gad7', 3))).toBe(false);
    expect(needsSupportNow('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])).toBe(false);
  });
});

const result = (id: string, instrument: InstrumentId, date: string, answers: number[]) => ({
  id,
  instrument,
  at: `${date}T10:00:00.000Z`,
  date,
  answers,
});

describe('stored results', () => {
  it('accept complete answers and refuse ones that do not fit the questionnaire', () => {
    expect(
      MeasureResultSchema.safeParse(result('abcdefgh', 'gad7', '2026-12-01', filled('gad7', 1)))
        .success,
    ).toBe(true);
    expect(
      MeasureResultSchema.safeParse(result('abcdefgh', 'gad7', '2026-12-01', filled('phq9', 1)))
        .success,
    ).toBe(false);
    expect(
      MeasureResultSchema.safeParse(result('abcdefgh', 'phq9', '2026-12-01', filled('phq9', 5)))
        .success,
    ).toBe(false);
  });

  it('carry PHQ-9\'s closing "how difficult" answer only where it is asked, and never score it', () => {
    const ok = (instrument: InstrumentId, answers: number[], closing: number) =>
      MeasureResultSchema.safeParse({
        ...result('abcdefgh', instrument, '2026-12-01', answers),
        closing,
      }).success;
    expect(PHQ9.closing?.options.map((o) => o.label)).toEqual([
      'Not difficult at all',
      'Somewhat difficult',
      'Very difficult',
      'Extremely difficult',
    ]);
    expect(ok('phq9', filled('phq9', 1), 3)).toBe(true);
    // Not asked after all "Not at all" (no problem checked), off its scale, or on another form.
    expect(ok('phq9', filled('phq9', 0), 0)).toBe(false);
    expect(ok('phq9', filled('phq9', 1), 4)).toBe(false);
    expect(ok('gad7', filled('gad7', 1), 1)).toBe(false);
    expect(closingAsked('phq9', [0, null, 1])).toBe(true);
    expect(closingAsked('phq9', [0, null, 0])).toBe(false);
    expect(closingAsked('gad7', filled('gad7', 3))).toBe(false);
    expect(score('phq9', filled('phq9', 1)).score).toBe(9);
  });

  it('trend: one point per day, oldest first, with its band; the next one is due after the interval', () => {
    const results = [
      result('bbbbbbbb', 'phq9', '2026-12-15', filled('phq9', 1)),
      result('aaaaaaaa', 'phq9', '2026-12-01', filled('phq9', 2)),
      result('cccccccc', 'gad7', '2026-12-02', filled('gad7', 0)),
    ];
    expect(measureSeries(results, 'phq9').map((p) => [p.start, p.average, p.band])).toEqual([
      ['2026-12-01', 18, 'Moderately severe'],
      ['2026-12-15', 9, 'Mild'],
    ]);
    expect(nextDue(results, 'phq9', 14, '2026-12-20')).toBe('2026-12-29');
    expect(nextDue(results, 'who5', 14, '2026-12-20')).toBe('2026-12-20');
  });
});
