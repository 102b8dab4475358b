import { useState } from 'react';
import { formatEntryWhen } from '../../../src-shared/journal';
import { useHearth } from '../../app/HearthContext';
import type { JournalEntry } from '../../services/journal/journal-types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

/** Asks before an entry is deleted; deleting cannot be undone. */
export function ConfirmDelete({ entry, onClose }: { entry: JournalEntry; onClose: () => void }) {
  const app = useHearth();
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    try {
      await app.journal.remove(entry.id);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Dialog title="Delete this entry?" onClose={onClose}>
      <p>
        The entry of {formatEntryWhen(entry.date, entry.time)} will be removed from this computer.
        This cannot be undone, unless you have an export that contains it.
      </p>
      <Alert message={error} />
      <div className="actions">
        <Button variant="primary" onClick={() => void remove()} data-testid="confirm-delete">
          Delete entry
        </Button>
        <Button onClick={onClose}>Keep it</Button>
      </div>
    </Dialog>
  );
}
