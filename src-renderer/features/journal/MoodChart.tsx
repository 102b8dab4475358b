import { useEffect, useRef } from 'react';
import {
  chartSeries,
  formatPeriod,
  type MoodPoint,
  type Period,
} from '../../../src-shared/journal';
import { dateLineOptions, mountPlot } from './plot-mount';

interface MoodChartProps {
  points: MoodPoint[];
  period: Period;
}

const HEIGHT = 240;

/**
 * Average mood over time, drawn with uPlot on a canvas (thousands of points in a few
 * milliseconds). The canvas is hidden from screen readers; the figure's caption and the
 * table of numbers beside it say the same in words.
 */
export function MoodChart({ points, period }: MoodChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    // The axis spans the data's periods (one entry: its day, the point in the middle).
    const { options, ticks } = dateLineOptions(
      points,
      period,
      { range: [0.8, 5.2], splits: [1, 2, 3, 4, 5], size: 30 },
      { label: 'Average mood', showPoints: points.length <= 120 },
    );
    let draws = 0;
    return mountPlot(
      el,
      HEIGHT,
      {
        ...options,
        hooks: {
          draw: [
            (u) => {
              // A counter the benchmark and tests watch to know the chart is on screen, and
              // the axis as drawn (the canvas cannot be read), for tests to check it.
              const f = figure.current;
              if (!f) return;
              const day = (s: number | undefined) =>
                new Date((s ?? 0) * 1000).toISOString().slice(0, 16);
              f.setAttribute('data-axis-from', day(u.scales.x!.min));
              f.setAttribute('data-axis-to', day(u.scales.x!.max));
              f.setAttribute('data-ticks', ticks.map((t) => t.label).join(' | '));
              f.setAttribute('data-drawn', String(++draws));
            },
          ],
        },
      },
      chartSeries(points, period),
    );
  }, [points, period]);

  const first = points[0];
  const last = points[points.length - 1];
  const scale = 'on a scale of 1 (very low) to 5 (very good)';
  const caption =
    points.length === 0
      ? 'No moods recorded yet. Moods you note in entries and check-ins will show here.'
      : points.length === 1
        ? `Average mood for ${formatPeriod(first!.start, period)}, ${scale}.`
        : `Average mood by ${period}, from ${formatPeriod(first!.start, period)} to ${formatPeriod(last!.start, period)}, ${scale}.`;

  return (
    <figure
      ref={figure}
      className="mood-chart"
      data-testid="mood-chart"
      data-points={points.length}
    >
      <figcaption className="mood-chart__caption">{caption}</figcaption>
      {points.length > 0 ? <div ref={box} className="mood-chart__plot" aria-hidden="true" /> : null}
    </figure>
  );
}
