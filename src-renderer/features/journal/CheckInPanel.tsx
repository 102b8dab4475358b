import { useState } from 'react';
import type { Mood } from '../../services/journal/journal-types';
import { Button } from '../../ui/Button';
import { EntryEditor } from './EntryEditor';
import { ReminderSettings } from './ReminderSettings';
import { ShareCheckIn } from './ShareCheckIn';
import { useReminder } from './useJournal';

/** Today's check-in under the person's own question, the offer to share it, and the reminder. */
export function CheckInPanel() {
  const { prompt } = useReminder();
  /** The mood of the check-in just saved, which the person may choose to share. */
  const [saved, setSaved] = useState<Mood | null>(null);
  const [sharing, setSharing] = useState(false);
  return (
    <div className="stack">
      <h3>{prompt}</h3>
      <EntryEditor
        entry={null}
        kind="check-in"
        prompt="Anything you want to add?"
        onSaved={(e) => setSaved(e.mood)}
      />
      {saved !== null ? (
        <div className="actions">
          <Button onClick={() => setSharing(true)} data-testid="share-latest">
            Share this check-in with a circle
          </Button>
        </div>
      ) : null}
      {sharing && saved !== null ? (
        <ShareCheckIn mood={saved} onClose={() => setSharing(false)} />
      ) : null}
      <ReminderSettings />
    </div>
  );
}
