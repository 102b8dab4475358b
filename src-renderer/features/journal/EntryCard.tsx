import { formatEntryWhen, moodText } from '../../../src-shared/journal';
import type { JournalEntry } from '../../services/journal/journal-types';
import { Button } from '../../ui/Button';

interface EntryCardProps {
  entry: JournalEntry;
  onEdit: () => void;
  onDelete: () => void;
  onShare: (() => void) | null;
}

/** One entry in the list. The text is shown as written (plain text, never rendered HTML). */
export function EntryCard({ entry, onEdit, onDelete, onShare }: EntryCardProps) {
  // In the person's locale (Intl's default); exports keep their own fixed format.
  const heading = formatEntryWhen(entry.date, entry.time);
  return (
    <article className="journal-entry" aria-label={heading} data-testid="journal-entry">
      <header className="journal-entry__header">
        <h3 className="journal-entry__date">
          {heading}
          {entry.kind === 'check-in' ? (
            <span className="tag journal-entry__kind">check-in</span>
          ) : null}
        </h3>
        {entry.mood !== null ? (
          <p className={`journal-entry__mood mood-${entry.mood}`}>Mood {moodText(entry.mood)}</p>
        ) : null}
      </header>
      {entry.emotions.length > 0 ? (
        <p className="journal-entry__facts">Emotions: {entry.emotions.join(', ')}</p>
      ) : null}
      {entry.sleep ? <p className="journal-entry__facts">Sleep: {entry.sleep}</p> : null}
      {entry.energy ? <p className="journal-entry__facts">Energy: {entry.energy}</p> : null}
      {entry.text.trim() ? (
        <p className="journal-entry__text" data-testid="journal-entry-text">
          {entry.text}
        </p>
      ) : null}
      <div className="actions">
        <Button
          variant="quiet"
          onClick={onEdit}
          aria-label={`Edit the entry of ${heading}`}
          data-testid="entry-edit"
        >
          Edit
        </Button>
        <Button
          variant="quiet"
          onClick={onDelete}
          aria-label={`Delete the entry of ${heading}`}
          data-testid="entry-delete"
        >
          Delete
        </Button>
        {onShare ? (
          <Button
            variant="quiet"
            onClick={onShare}
            aria-label={`Share with a circle: the mood of ${heading}`}
            data-testid="entry-share"
          >
            Share with a circle
          </Button>
        ) : null}
      </div>
    </article>
  );
}
