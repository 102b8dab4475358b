import { formatPeriod, type MoodPoint, type Period } from '../../../src-shared/journal';

const ROWS = 31;

/** The latest chart points as a table, for reading without the chart. */
export function MoodTable({ points, period }: { points: MoodPoint[]; period: Period }) {
  if (points.length === 0) return null;
  const latest = points.slice(-ROWS).reverse();
  return (
    <details className="details">
      <summary>Show the numbers</summary>
      <table className="journal-table">
        <caption className="visually-hidden">Average mood, latest first</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Average mood</th>
            <th scope="col">Entries with a mood</th>
          </tr>
        </thead>
        <tbody>
          {latest.map((p) => (
            <tr key={p.start}>
              <th scope="row">{formatPeriod(p.start, period)}</th>
              <td>{p.average.toFixed(1)}</td>
              <td>{p.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {points.length > ROWS ? (
        <p className="field__hint">
          The latest {ROWS} of {points.length}.
        </p>
      ) : null}
    </details>
  );
}
