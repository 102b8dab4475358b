// Scoring as published: the sum of the answers' points (WHO-5 then ×4 for its percentage), and
// the band the score falls in. An answer missing or off the scale is refused, never guessed.
import { INSTRUMENTS, type Band, type Instrument, type InstrumentId } from './instruments';

export interface Score {
  /** The sum of the answers' points. */
  raw: number;
  /** The score as the instrument reports it (WHO-5: the 0–100 percentage; others: the sum). */
  score: number;
  band: Band;
}

export type Scored = { ok: true; value: Score } | { ok: false; missing: number[] };

/** The item numbers (1-based) with no valid answer; empty when every item is answered. */
export function missingAnswers(
  instrument: Instrument,
  answers: readonly (number | null | undefined)[],
): number[] {
  const valid = new Set(instrument.options.map((o) => o.value));
  const missing: number[] = [];
  for (let i = 0; i < instrument.items.length; i++) {
    const a = answers[i];
    if (a === null || a === undefined || !valid.has(a)) missing.push(i + 1);
  }
  return missing;
}

/** The band holding `score`; every score from 0 to the maximum is in exactly one band. */
export function bandOf(instrument: Instrument, score: number): Band {
  const band = instrument.bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new RangeError(`${instrument.name} has no band for ${score}`);
  return band;
}

/** Scores a full set of answers; refuses (listing the items) when any is missing or invalid. */
export function scoreAnswers(
  id: InstrumentId,
  answers: readonly (number | null | undefined)[],
): Scored {
  const instrument = INSTRUMENTS[id];
  const missing = missingAnswers(instrument, answers);
  if (missing.length > 0 || answers.length !== instrument.items.length)
    return { ok: false, missing };
  const raw = (answers as number[]).reduce((sum, a) => sum + a, 0);
  const score = raw * instrument.multiplier;
  return { ok: true, value: { raw, score, band: bandOf(instrument, score) } };
}

/** PHQ-9's ninth item asks about thoughts of death or self-harm. */
export const SELF_HARM_ITEM = { instrument: 'phq9', index: 8 } as const;

/**
 * True when this answer means the person should see crisis resources at once: the PHQ-9 item
 * about thoughts of self-harm answered above "Not at all".
 */
export function needsSupportNow(
  id: InstrumentId,
  answers: readonly (number | null | undefined)[],
): boolean {
  if (id !== SELF_HARM_ITEM.instrument) return false;
  const a = answers[SELF_HARM_ITEM.index];
  return typeof a === 'number' && a > 0;
}
