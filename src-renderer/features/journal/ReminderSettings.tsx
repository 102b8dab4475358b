import { useEffect, useId, useState } from 'react';
import { formatTime } from '../../../src-shared/journal';
import { useHearth } from '../../app/HearthContext';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { useReminder } from './useJournal';

/** The daily reminder: on or off, at what time, with which question. */
export function ReminderSettings() {
  const app = useHearth();
  const saved = useReminder();
  const [draft, setDraft] = useState(saved);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const checkId = useId();
  useEffect(() => setDraft(saved), [saved]);

  const save = async () => {
    setError(null);
    try {
      await app.journal.setReminder(draft);
      setStatus(
        draft.enabled ? `Reminder set for ${formatTime(draft.time)} each day.` : 'Reminder off.',
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <details className="details journal-reminder-settings">
      <summary>Daily reminder</summary>
      <div className="stack">
        <p>
          While Hearth is open and unlocked, it can remind you once a day, after the time you
          choose, until you check in.
        </p>
        <label className="checkbox" htmlFor={checkId}>
          <input
            id={checkId}
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
            data-testid="reminder-enabled"
          />
          Remind me to check in
        </label>
        <TextField
          label="After"
          type="time"
          value={draft.time}
          onChange={(e) => setDraft({ ...draft, time: e.target.value })}
          data-testid="reminder-time"
        />
        <TextField
          label="Question"
          maxLength={200}
          value={draft.prompt}
          onChange={(e) => setDraft({ ...draft, prompt: e.target.value })}
          data-testid="reminder-prompt"
        />
        <Alert message={error} />
        <div className="actions">
          <Button onClick={() => void save()} data-testid="reminder-save">
            Save reminder
          </Button>
          <p className="journal-status" role="status">
            {status}
          </p>
        </div>
      </div>
    </details>
  );
}
