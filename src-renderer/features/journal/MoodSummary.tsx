import type { Summary } from '../../../src-shared/journal';

const avg = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** Averages, and the streaks if the person chose to see them, as a short list of facts. */
export function MoodSummary({ summary, showStreaks }: { summary: Summary; showStreaks: boolean }) {
  return (
    <dl className="journal-summary" data-testid="mood-summary">
      <div>
        <dt>Average, last 7 days</dt>
        <dd data-testid="avg-7">{avg(summary.last7Days)}</dd>
      </div>
      <div>
        <dt>Average, last 30 days</dt>
        <dd>{avg(summary.last30Days)}</dd>
      </div>
      <div>
        <dt>Average, all time</dt>
        <dd>{avg(summary.overall)}</dd>
      </div>
      {showStreaks ? (
        <>
          <div>
            <dt>Days in a row</dt>
            <dd data-testid="streak-current">{days(summary.streaks.current)}</dd>
          </div>
          <div>
            <dt>Longest run</dt>
            <dd>{days(summary.streaks.longest)}</dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}
