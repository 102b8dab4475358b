// A questionnaire result as stored, exported and imported: which instrument, when, and the
// answers. The score is always computed from the answers, so a file cannot carry a wrong one.
import { z } from 'zod';
import { EntryId, Instant, LocalDate } from '../schema';
import { INSTRUMENTS, type InstrumentId } from './instruments';
import { missingAnswers } from './score';

export const MeasureResultSchema = z
  .strictObject({
    id: EntryId,
    instrument: z.enum(['who5', 'phq9', 'gad7']),
    /** When it was taken, and that day on the person's clock. */
    at: Instant,
    date: LocalDate,
    answers: z.array(z.number().int().min(0).max(5)).max(9),
    /** The answer to the closing question (PHQ-9's "how difficult…"), if it was answered. */
    closing: z.number().int().min(0).max(3).optional(),
  })
  .refine((r) => isComplete(r.instrument, r.answers), {
    message: 'answers do not fit the questionnaire',
    path: ['answers'],
  })
  .refine((r) => r.closing === undefined || closingAsked(r.instrument, r.answers), {
    message: 'this questionnaire has no closing question here',
    path: ['closing'],
  });

export type MeasureResult = z.infer<typeof MeasureResultSchema>;

function isComplete(id: InstrumentId, answers: readonly number[]): boolean {
  const instrument = INSTRUMENTS[id];
  return (
    answers.length === instrument.items.length && missingAnswers(instrument, answers).length === 0
  );
}

/** Whether the closing question is asked after `answers`: it exists and some problem was checked. */
export function closingAsked(id: InstrumentId, answers: readonly (number | null)[]): boolean {
  return INSTRUMENTS[id].closing !== undefined && answers.some((a) => a !== null && a > 0);
}

/** The closing answer's published words, or null when there is none. */
export function closingAnswer(r: MeasureResult): string | null {
  const closing = INSTRUMENTS[r.instrument].closing;
  if (!closing || r.closing === undefined) return null;
  return closing.options.find((o) => o.value === r.closing)?.label ?? null;
}

/** Results oldest first (by instant, then id), the order a trend reads in. */
export function compareOldestFirst(a: MeasureResult, b: MeasureResult): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
