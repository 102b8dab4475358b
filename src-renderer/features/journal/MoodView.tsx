import { useMemo, useState } from 'react';
import { moodSeries, summarize, type Period } from '../../../src-shared/journal';
import { CheckboxField } from '../../ui/CheckboxField';
import { MeasureTrends } from './measures/MeasureTrends';
import { MoodCalendar } from './MoodCalendar';
import { MoodChart } from './MoodChart';
import { MoodSummary } from './MoodSummary';
import { MoodTable } from './MoodTable';
import { WhatSeemsToHelp } from './WhatSeemsToHelp';
import { setShowStreaks, useShowStreaks } from './streak-preference';
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
  const showStreaks = useShowStreaks();

  return (
    <div className="stack">
      <MoodSummary summary={summary} showStreaks={showStreaks} />
      <CheckboxField
        label="Show days in a row"
        hint="How many days in a row you wrote, and your longest run. Off unless you want it."
        checked={showStreaks}
        onChange={setShowStreaks}
        testId="show-streaks"
      />
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
      <MoodTable points={points} period={period} />
      <MeasureTrends />
      <WhatSeemsToHelp entries={entries} />
      <h3>Calendar</h3>
      <MoodCalendar entries={entries} today={today} onSelectDay={onSelectDay} />
    </div>
  );
}
