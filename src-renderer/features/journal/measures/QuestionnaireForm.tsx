import { Fragment, useId, useRef, useState, type FormEvent } from 'react';
import {
  closingAsked,
  INSTRUMENTS,
  missingAnswers,
  needsSupportNow,
  SELF_HARM_ITEM,
  type InstrumentId,
  type MeasureResult,
} from '../../../../src-shared/journal';
import { useHearth } from '../../../app/HearthContext';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { SupportNow } from './SupportNow';

interface QuestionnaireFormProps {
  instrument: InstrumentId;
  onDone: (result: MeasureResult) => void;
  onCancel: () => void;
}

/**
 * One questionnaire as a form: each item a group of radio buttons (Tab moves between questions,
 * the arrow keys between answers), in the published wording. The self-harm item, answered above
 * "Not at all", brings up the crisis lines at once, before the form is finished.
 */
export function QuestionnaireForm({ instrument: id, onDone, onCancel }: QuestionnaireFormProps) {
  const app = useHearth();
  const instrument = INSTRUMENTS[id];
  const [answers, setAnswers] = useState<(number | null)[]>(() => instrument.items.map(() => null));
  const [closing, setClosing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const name = useId();
  const titleId = useId();
  const errorId = useId();

  const answer = (index: number, value: number) => {
    setAnswers((prev) => prev.map((a, i) => (i === index ? value : a)));
    if (error !== null) setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = missingAnswers(instrument, answers);
    if (missing.length > 0) {
      setError(
        `Please choose an answer for ${missing.length === 1 ? 'question' : 'questions'} ${missing.join(', ')}. Every question counts towards the score.`,
      );
      form.current
        ?.querySelector<HTMLInputElement>(`input[name="${name}-${missing[0]! - 1}"]`)
        ?.focus();
      return;
    }
    setSaving(true);
    try {
      onDone(await app.journal.measures.save(id, answers, closing));
    } catch (e) {
      setError((e as Error).message || 'That did not save. Please try again.');
      setSaving(false);
    }
  };

  return (
    <form
      ref={form}
      className="questionnaire stack"
      aria-labelledby={titleId}
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid={`questionnaire-${id}`}
    >
      <h3 id={titleId}>
        {instrument.name}: {instrument.about}
      </h3>
      <p className="questionnaire__instruction">{instrument.instruction}</p>
      {instrument.items.map((item, index) => (
        <Fragment key={item}>
          <fieldset className="questionnaire__item" data-testid={`question-${index + 1}`}>
            <legend>
              <span className="questionnaire__number">{index + 1}.</span> {item}
            </legend>
            <div className="questionnaire__options">
              {instrument.options.map((option) => (
                <label key={option.value} className="questionnaire__option">
                  <input
                    type="radio"
                    name={`${name}-${index}`}
                    value={option.value}
                    checked={answers[index] === option.value}
                    onChange={() => answer(index, option.value)}
                  />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
          {id === SELF_HARM_ITEM.instrument && index === SELF_HARM_ITEM.index ? (
            <div aria-live="polite">{needsSupportNow(id, answers) ? <SupportNow /> : null}</div>
          ) : null}
        </Fragment>
      ))}
      {instrument.closing && closingAsked(id, answers) ? (
        <fieldset className="questionnaire__item" data-testid="question-closing">
          <legend>
            {instrument.closing.question}{' '}
            <span className="field__hint">(optional, not part of the score)</span>
          </legend>
          <div className="questionnaire__options">
            {instrument.closing.options.map((option) => (
              <label key={option.value} className="questionnaire__option">
                <input
                  type="radio"
                  name={`${name}-closing`}
                  value={option.value}
                  checked={closing === option.value}
                  onChange={() => setClosing(option.value)}
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Alert id={errorId} message={error} testId="questionnaire-error" />
      <div className="actions">
        <Button
          type="submit"
          variant="primary"
          disabled={saving}
          data-testid="questionnaire-finish"
        >
          See my result
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Not now
        </Button>
      </div>
    </form>
  );
}
