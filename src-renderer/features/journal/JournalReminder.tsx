import { useHearth } from '../../app/HearthContext';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { useReminder, useReminderDue } from './useJournal';

/** The in-app daily check-in reminder: a calm banner, never a pop-up. */
export function JournalReminder({ onCheckIn }: { onCheckIn: () => void }) {
  const app = useHearth();
  const due = useReminderDue();
  const { prompt } = useReminder();
  if (!due) return null;
  return (
    <div className="journal-reminder">
      <Banner
        tone="info"
        title="Time for your check-in"
        role="status"
        data-testid="journal-reminder"
      >
        <p>{prompt}</p>
        <div className="actions">
          <Button variant="primary" onClick={onCheckIn} data-testid="reminder-check-in">
            Check in
          </Button>
          <Button variant="quiet" onClick={() => void app.journal.dismissReminder()}>
            Not today
          </Button>
        </div>
      </Banner>
    </div>
  );
}
