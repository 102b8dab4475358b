import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartColumns, type MoodPoint, type Period } from '../../../src-shared/journal';

interface MoodChartProps {
  points: MoodPoint[];
  period: Period;
}

const HEIGHT = 240;
const cssVar = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

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
    const accent = cssVar('--accent');
    const muted = cssVar('--text-muted');
    const grid = cssVar('--border');
    const axis = {
      stroke: muted,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
    };
    let draws = 0;
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        // Points are local calendar days stored as UTC midnights: label them in UTC.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: [0.8, 5.2] } },
        axes: [axis, { ...axis, splits: () => [1, 2, 3, 4, 5], size: 30 }],
        series: [
          {},
          {
            label: 'Average mood',
            stroke: accent,
            width: 2,
            points: { show: points.length <= 120, size: 6, fill: accent },
          },
        ],
        hooks: {
          draw: [
            () => {
              // A counter the benchmark and tests watch to know the chart is on screen.
              figure.current?.setAttribute('data-drawn', String(++draws));
            },
          ],
        },
      },
      chartColumns(points),
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points]);

  const first = points[0];
  const last = points[points.length - 1];
  const caption =
    points.length === 0
      ? 'No moods recorded yet. Moods you note in entries and check-ins will show here.'
      : `Average mood by ${period}, from ${first!.label} to ${last!.label}, on a scale of 1 (very low) to 5 (very good).`;

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
