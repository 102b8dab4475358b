// Questionnaire results as lines of text for the PDF and HTML summaries a person may bring to
// a doctor or therapist: each result with its date, score and band, in the order taken.
import { longDate } from '../dates';
import { INSTRUMENTS, SELF_HARM_ITEM_TEXT } from './instruments';
import { closingAnswer, type MeasureResult } from './result-schema';
import { scoreAnswers, SELF_HARM_ITEM } from './score';
import { scoreLine } from './trend';

export const MEASURES_HEADING = 'Questionnaires';
export const MEASURES_NOTE =
  'Self-reported questionnaires about the two weeks before each date (WHO-5: World Health Organization; PHQ-9 and GAD-7: Pfizer PHQ screeners). They are not a diagnosis.';

/**
 * One line per result, oldest first: `Tuesday 1 December 2026: PHQ-9: 7 of 27 (Mild)`. A PHQ-9
 * whose self-harm item was answered above "Not at all" says so, since a professional needs it.
 */
export function measureSummaryLines(results: readonly MeasureResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const scored = scoreAnswers(r.instrument, r.answers);
    if (!scored.ok) continue;
    let line = `${longDate(r.date)}: ${scoreLine(r.instrument, scored.value.score, scored.value.band.name)}`;
    const selfHarm =
      r.instrument === SELF_HARM_ITEM.instrument ? r.answers[SELF_HARM_ITEM.index]! : 0;
    if (selfHarm > 0) {
      const answer = INSTRUMENTS.phq9.options.find((o) => o.value === selfHarm)!.label;
      line += `; question 9 (${SELF_HARM_ITEM_TEXT}): ${answer}`;
    }
    const difficulty = closingAnswer(r);
    if (difficulty !== null) line += `; how difficult: ${difficulty}`;
    lines.push(line);
  }
  return lines;
}
