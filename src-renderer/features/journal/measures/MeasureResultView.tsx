import { useEffect, useId, useRef } from 'react';
import {
  closingAnswer,
  INSTRUMENTS,
  needsSupportNow,
  scoreAnswers,
  type MeasureResult,
} from '../../../../src-shared/journal';
import { Button } from '../../../ui/Button';
import { SupportNow } from './SupportNow';

/** A finished questionnaire: the score, what it means in plain words, and that it is not a diagnosis. */
export function MeasureResultView({
  result,
  onDone,
}: {
  result: MeasureResult;
  onDone: () => void;
}) {
  const instrument = INSTRUMENTS[result.instrument];
  const scored = scoreAnswers(result.instrument, result.answers);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  // The result replaces the form: bring focus to it so a screen reader reads it next.
  useEffect(() => heading.current?.focus(), []);
  if (!scored.ok) return null;
  const { score, band } = scored.value;
  const difficulty = closingAnswer(result);
  return (
    <section
      className="measure-result stack"
      aria-labelledby={titleId}
      data-testid="measure-result"
    >
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        Your {instrument.name} result
      </h3>
      <p className="measure-result__score" data-testid="measure-score">
        {score} out of {instrument.maxScore}: <strong>{band.name}</strong>
      </p>
      <p>{band.meaning}</p>
      {difficulty !== null ? (
        <p data-testid="measure-closing">
          How difficult these problems have made things: {difficulty}.
        </p>
      ) : null}
      <p className="field__hint">
        {instrument.higherIsBetter
          ? `On the ${instrument.name}, higher scores mean better well-being.`
          : `On the ${instrument.name}, higher scores mean more ${instrument.about.toLowerCase()}.`}
      </p>
      <div className="measure-result__note" data-testid="not-a-diagnosis">
        <p>
          <strong>This is not a diagnosis.</strong> A questionnaire is a snapshot of the last two
          weeks in your own answers. Only a doctor, nurse or counsellor who talks with you can say
          what it means for you.
        </p>
        <p>
          If you would like to talk it over, your doctor (GP) is a good first step. You can show
          them this result and its trend under Mood.
        </p>
      </div>
      {needsSupportNow(result.instrument, result.answers) ? <SupportNow /> : null}
      <div className="actions">
        <Button variant="primary" onClick={onDone} data-testid="measure-result-done">
          Done
        </Button>
      </div>
    </section>
  );
}
