import { useMemo, useState } from 'react';
import { allTags, filterEntries, type EntryFilter } from '../../../src-shared/journal';
import type { JournalEntry, Mood } from '../../services/journal/journal-types';
import { Button } from '../../ui/Button';
import { ConfirmDelete } from './ConfirmDelete';
import { EntryCard } from './EntryCard';
import { EntryFilters } from './EntryFilters';
import { ShareCheckIn } from './ShareCheckIn';
import { useJournalEntries } from './useJournal';

const PAGE = 30;

interface EntryListProps {
  filter: EntryFilter;
  onFilterChange: (filter: EntryFilter) => void;
  onEdit: (entry: JournalEntry) => void;
}

/** Entries newest first, filtered, a page at a time. */
export function EntryList({ filter, onFilterChange, onEdit }: EntryListProps) {
  const entries = useJournalEntries();
  const [shown, setShown] = useState(PAGE);
  const [deleting, setDeleting] = useState<JournalEntry | null>(null);
  const [sharing, setSharing] = useState<Mood | null>(null);
  const tags = useMemo(() => allTags(entries), [entries]);
  const found = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const filtered = Boolean(filter.text || filter.tag || filter.from || filter.to);

  return (
    <div className="stack">
      <EntryFilters
        filter={filter}
        tags={tags}
        onChange={(f) => {
          setShown(PAGE);
          onFilterChange(f);
        }}
      />
      <p role="status" className="journal-count" data-testid="entry-count">
        {entries.length === 0
          ? 'No entries yet. Your first one can be a single word.'
          : filtered
            ? `${found.length} of ${entries.length} entries match.`
            : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}.`}
      </p>
      <div className="journal-list">
        {found.slice(0, shown).map((e) => (
          <EntryCard
            key={e.id}
            entry={e}
            onEdit={() => onEdit(e)}
            onDelete={() => setDeleting(e)}
            onShare={e.mood !== null ? () => setSharing(e.mood) : null}
          />
        ))}
      </div>
      {found.length > shown ? (
        <Button onClick={() => setShown((n) => n + PAGE)} data-testid="show-more">
          Show {Math.min(PAGE, found.length - shown)} more
        </Button>
      ) : null}
      {deleting ? <ConfirmDelete entry={deleting} onClose={() => setDeleting(null)} /> : null}
      {sharing !== null ? <ShareCheckIn mood={sharing} onClose={() => setSharing(null)} /> : null}
    </div>
  );
}
