import './measures.css';
import { useMemo } from 'react';
import {
  formatPeriod,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  measureSeries,
} from '../../../../src-shared/journal';
import { MeasureChart } from './MeasureChart';
import { useMeasureResults } from './useMeasures';

/** Each questionnaire taken so far, its scores over time with their bands, beside the mood chart. */
export function MeasureTrends() {
  const results = useMeasureResults();
  const series = useMemo(
    () =>
      INSTRUMENT_IDS.map((id) => ({ id, points: measureSeries(results, id) })).filter(
        (s) => s.points.length > 0,
      ),
    [results],
  );
  if (series.length === 0) return null;
  return (
    <section
      className="measure-trends"
      aria-label="Questionnaires over time"
      data-testid="measure-trends"
    >
      <h3>Well-being questionnaires</h3>
      {series.map(({ id, points }) => (
        <div key={id} className="stack--tight">
          <h4>
            {INSTRUMENTS[id].name}: {INSTRUMENTS[id].about}
          </h4>
          <MeasureChart id={id} points={points} />
          <details className="details">
            <summary>Show the {INSTRUMENTS[id].name} scores</summary>
            <table className="journal-table" data-testid={`measure-table-${id}`}>
              <caption className="visually-hidden">
                {INSTRUMENTS[id].name} scores, latest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Score (out of {INSTRUMENTS[id].maxScore})</th>
                  <th scope="col">Band</th>
                </tr>
              </thead>
              <tbody>
                {[...points].reverse().map((p) => (
                  <tr key={p.start}>
                    <th scope="row">{formatPeriod(p.start, 'day')}</th>
                    <td>{p.average}</td>
                    <td>{p.band}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      ))}
      <p className="field__hint">
        Scores are not a diagnosis. They can help you and a professional see change over time.
      </p>
    </section>
  );
}
