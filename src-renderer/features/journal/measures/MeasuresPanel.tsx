import './measures.css';
import { useState } from 'react';
import {
  INSTRUMENT_IDS,
  INSTRUMENTS,
  latestResult,
  longDate,
  type InstrumentId,
  type MeasureResult,
} from '../../../../src-shared/journal';
import { Button } from '../../../ui/Button';
import { MeasureResultView } from './MeasureResultView';
import { MeasureSettingsForm } from './MeasureSettingsForm';
import { QuestionnaireForm } from './QuestionnaireForm';
import { useMeasureResults } from './useMeasures';

/** The journal's well-being tab: choose a questionnaire, take it, see the result; set reminders. */
export function MeasuresPanel() {
  const results = useMeasureResults();
  const [taking, setTaking] = useState<InstrumentId | null>(null);
  const [finished, setFinished] = useState<MeasureResult | null>(null);

  if (taking !== null)
    return (
      <QuestionnaireForm
        instrument={taking}
        onDone={(r) => {
          setTaking(null);
          setFinished(r);
        }}
        onCancel={() => setTaking(null)}
      />
    );
  if (finished !== null)
    return <MeasureResultView result={finished} onDone={() => setFinished(null)} />;

  return (
    <div className="stack">
      <p>
        Short questionnaires that doctors and researchers use, to see how you have been over the
        last two weeks. Your answers stay on this computer, encrypted like your journal. A score is
        not a diagnosis; it can help you notice change, and talk with a professional if you want to.
      </p>
      <ul className="measure-list">
        {INSTRUMENT_IDS.map((id) => {
          const i = INSTRUMENTS[id];
          const last = latestResult(results, id);
          return (
            <li key={id} className="measure-list__item">
              <h3 className="measure-list__name">
                {i.name}: {i.about}
              </h3>
              <p className="field__hint">
                {i.items.length} questions.{' '}
                {last ? `Last taken ${longDate(last.date)}.` : 'Not taken yet.'}
              </p>
              <Button onClick={() => setTaking(id)} data-testid={`take-${id}`}>
                Take the {i.name}
              </Button>
            </li>
          );
        })}
      </ul>
      <MeasureSettingsForm />
      <details className="details">
        <summary>Where these questionnaires come from</summary>
        <ul className="measure-sources">
          {INSTRUMENT_IDS.map((id) => (
            <li key={id}>
              {INSTRUMENTS[id].name}: {INSTRUMENTS[id].source.title}, {INSTRUMENTS[id].source.url}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
