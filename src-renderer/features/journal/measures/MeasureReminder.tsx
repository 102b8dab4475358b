import { INSTRUMENTS } from '../../../../src-shared/journal';
import { useHearth } from '../../../app/HearthContext';
import { Banner } from '../../../ui/Banner';
import { Button } from '../../../ui/Button';
import { useMeasuresDue } from './useMeasures';

/** A calm banner when a chosen questionnaire is due; "Not now" puts it aside until tomorrow. */
export function MeasureReminder({ onOpen }: { onOpen: () => void }) {
  const app = useHearth();
  const due = useMeasuresDue();
  if (due.length === 0) return null;
  const names = due.map((id) => INSTRUMENTS[id].name).join(' and ');
  return (
    <div className="journal-reminder">
      <Banner
        tone="info"
        title="A short questionnaire, if you like"
        role="status"
        data-testid="measure-reminder"
      >
        <p>
          It is time for your {names}. It takes a few minutes; skip it whenever it does not suit
          you.
        </p>
        <div className="actions">
          <Button variant="primary" onClick={onOpen} data-testid="measure-reminder-open">
            Open it
          </Button>
          <Button variant="quiet" onClick={() => void app.journal.measures.dismissReminder()}>
            Not now
          </Button>
        </div>
      </Banner>
    </div>
  );
}
