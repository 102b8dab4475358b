import { useMemo, useState } from 'react';
import {
  calendarMonth,
  dayMillis,
  formatLongDay,
  formatMonth,
  shiftDays,
} from '../../../src-shared/journal';
import type { JournalEntry } from '../../services/journal/journal-types';
import { Button } from '../../ui/Button';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

interface MoodCalendarProps {
  entries: readonly JournalEntry[];
  today: string;
  /** Shows the entries of a day. */
  onSelectDay: (date: string) => void;
}

/** A month at a glance: each day's entry count and average mood; a day with entries opens them. */
export function MoodCalendar({ entries, today, onSelectDay }: MoodCalendarProps) {
  const [month, setMonth] = useState(today.slice(0, 7));
  const weeks = useMemo(() => calendarMonth(entries, month), [entries, month]);
  const step = (n: number) => setMonth((m) => shiftDays(`${m}-15`, n * 30).slice(0, 7));
  const title = formatMonth(dayMillis(`${month}-01`), undefined, true);

  return (
    <div className="journal-calendar">
      <div className="journal-calendar__nav">
        <Button variant="quiet" onClick={() => step(-1)} aria-label="Previous month">
          ‹
        </Button>
        <h3 aria-live="polite">{title}</h3>
        <Button variant="quiet" onClick={() => step(1)} aria-label="Next month">
          ›
        </Button>
      </div>
      <table className="journal-calendar__grid" data-testid="mood-calendar">
        <caption className="visually-hidden">{`Entries and average mood in ${title}`}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d, i) => (
              <th key={d} scope="col">
                <abbr title={WEEKDAY_NAMES[i]}>{d}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.date}>
              {week.map((day) => {
                const n = Number(day.date.slice(8));
                const mood = day.average === null ? '' : `, average mood ${day.average.toFixed(1)}`;
                const label = `${formatLongDay(day.date)}: ${day.count} ${day.count === 1 ? 'entry' : 'entries'}${mood}`;
                const moodClass = day.average === null ? '' : ` mood-${Math.round(day.average)}`;
                return (
                  <td
                    key={day.date}
                    className={day.inMonth ? undefined : 'journal-calendar__outside'}
                  >
                    {day.count > 0 && day.inMonth ? (
                      <button
                        type="button"
                        className={`journal-calendar__day${moodClass}`}
                        aria-label={label}
                        onClick={() => onSelectDay(day.date)}
                        data-testid="calendar-day"
                      >
                        <span aria-hidden="true">{n}</span>
                      </button>
                    ) : (
                      <span
                        className="journal-calendar__empty"
                        aria-hidden={!day.inMonth || undefined}
                      >
                        {day.inMonth ? n : ''}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
