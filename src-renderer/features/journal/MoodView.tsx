import { useMemo, useState } from 'react';
import { moodSeries, summarize, type Period } from '../../../src-shared/journal';
import { MoodCalendar } from './MoodCalendar';
import { MoodChart } from './MoodChart';
import { MoodSummary } from './MoodSummary';
import { MoodTable } from './MoodTable';
import { useJournalEntries, useToday } from './useJournal';

const PERIODS: { value: Period; label: string }[] = [
  { value: 'day', label: 'By day' },
  { value: 'week', label: 'By week' },
  { value: 'month', label: 'By month' },
];

/** Mood over time: chart, averages and streaks, and the calendar. */
export function MoodView({ onSelectDay }: { onSelectDay: (date: string) => void }) {
  const entries = useJournalEntries();
  const today = useToday();
  const [period, setPeriod] = useState<Period>('day');
  const points = useMemo(() => moodSeries(entries, period), [entries, period]);
  const summary = useMemo(() => summarize(entries, today), [entries, today]);

  return (
    <div className="stack">
      <MoodSummary summary={summary} />
      <div className="actions" role="group" aria-label="Chart period">
        {PERIODS.map((p) => (
          <button
            key={p.value}
            type="button"
            className="journal-chip"
            aria-pressed={period === p.value}
            onClick={() => setPeriod(p.value)}
            data-testid={`period-${p.value}`}
          >
            {p.label}
          </button>
        ))}
      </div>
      <MoodChart points={points} period={period} />
      <MoodTable points={points} />
      <h3>Calendar</h3>
      <MoodCalendar entries={entries} today={today} onSelectDay={onSelectDay} />
    </div>
  );
}
