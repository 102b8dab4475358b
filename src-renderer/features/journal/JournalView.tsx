import { useEffect, useId, useState } from 'react';
import type { EntryFilter } from '../../../src-shared/journal';
import type { JournalEntry } from '../../services/journal/journal-types';
import { ProgressBar } from '../../ui/ProgressBar';
import { CheckInPanel } from './CheckInPanel';
import { EntryEditor } from './EntryEditor';
import { EntryList } from './EntryList';
import { ExportPanel } from './ExportPanel';
import { MeasuresPanel } from './measures/MeasuresPanel';
import { MoodView } from './MoodView';
import { useJournalBusy } from './useJournal';
import './journal.css';

export type JournalTab = 'check-in' | 'write' | 'entries' | 'mood' | 'measures' | 'export';

const TABS: { tab: JournalTab; label: string }[] = [
  { tab: 'check-in', label: 'Check in' },
  { tab: 'write', label: 'Write' },
  { tab: 'entries', label: 'Entries' },
  { tab: 'mood', label: 'Mood' },
  { tab: 'measures', label: 'Well-being' },
  { tab: 'export', label: 'Export and import' },
];

interface JournalViewProps {
  /** The tab shown; the shell owns it so the reminder and the sidebar can open any tab. */
  tab: JournalTab;
  onTabChange: (tab: JournalTab) => void;
}

/** The private journal: check in, write, read back, see mood over time, export. */
export function JournalView({ tab, onTabChange: setTab }: JournalViewProps) {
  const [editing, setEditing] = useState<JournalEntry | null>(null);
  // An edit in progress is left behind when the person goes to another tab.
  useEffect(() => {
    if (tab !== 'write') setEditing(null);
  }, [tab]);
  const [filter, setFilter] = useState<EntryFilter>({});
  const busy = useJournalBusy();
  const titleId = useId();
  const go = (next: JournalTab) => {
    setEditing(null);
    setTab(next);
  };

  return (
    <section className="pane-page journal" aria-labelledby={titleId} data-testid="journal">
      <h2 id={titleId}>Journal</h2>
      <p className="journal__lede">
        Private to you. Entries are encrypted on this computer and leave it only if you export them
        or share a check-in.
      </p>
      <nav className="journal-tabs" aria-label="Journal">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            className="journal-tab"
            aria-current={tab === t.tab ? 'page' : undefined}
            onClick={() => go(t.tab)}
            data-testid={`journal-tab-${t.tab}`}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {busy ? <ProgressBar progress={busy} /> : null}
      <div className="journal__body">
        {tab === 'check-in' ? <CheckInPanel /> : null}
        {tab === 'write' ? (
          <div className="stack">
            <h3>{editing ? 'Edit entry' : 'New entry'}</h3>
            <EntryEditor
              key={editing?.id ?? 'new'}
              entry={editing}
              kind={editing?.kind ?? 'entry'}
              prompt={null}
              onSaved={() => editing && go('entries')}
              onCancel={editing ? () => go('entries') : undefined}
            />
          </div>
        ) : null}
        {tab === 'entries' ? (
          <EntryList
            filter={filter}
            onFilterChange={setFilter}
            onEdit={(e) => {
              setEditing(e);
              setTab('write');
            }}
          />
        ) : null}
        {tab === 'mood' ? (
          <MoodView
            onSelectDay={(date) => {
              setFilter({ from: date, to: date });
              go('entries');
            }}
          />
        ) : null}
        {tab === 'measures' ? <MeasuresPanel /> : null}
        {tab === 'export' ? <ExportPanel /> : null}
      </div>
    </section>
  );
}
