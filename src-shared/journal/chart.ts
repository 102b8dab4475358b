// The mood chart as plain geometry (an SVG path in a top-left coordinate box), so the HTML
// export draws it as inline SVG and the PDF export as vector paths from the same numbers.
import { dayMillis, daysBetween, type Period } from './dates';
import { moodSeries, type MoodPoint } from './stats';
import type { JournalEntry } from './schema';

export interface ChartBox {
  width: number;
  height: number;
}

export interface ChartShape {
  period: Period;
  points: MoodPoint[];
  /** The plot area inside the box (room is left for axis labels). */
  plot: { left: number; top: number; width: number; height: number };
  /** SVG path data of the mood line (M/L commands), empty with no points. */
  path: string;
  /** Each point's position, for dots. */
  dots: { x: number; y: number }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
}

/** Days for a small export, weeks for up to two years, months beyond. */
export function periodFor(entries: readonly JournalEntry[]): Period {
  if (entries.length === 0) return 'day';
  let min = entries[0]!.date;
  let max = min;
  for (const e of entries) {
    if (e.date < min) min = e.date;
    if (e.date > max) max = e.date;
  }
  const span = daysBetween(min, max);
  return span <= 62 ? 'day' : span <= 730 ? 'week' : 'month';
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Lays out the mood of `entries` by `period` in a box; mood 1 at the bottom, 5 at the top. */
export function moodChartShape(
  entries: readonly JournalEntry[],
  period: Period,
  box: ChartBox,
): ChartShape {
  const points = moodSeries(entries, period);
  const plot = { left: 28, top: 8, width: box.width - 36, height: box.height - 30 };
  const t0 = points.length > 0 ? dayMillis(points[0]!.start) : 0;
  const t1 = points.length > 0 ? dayMillis(points[points.length - 1]!.start) : 0;
  const xOf = (start: string) =>
    round(
      plot.left + (t1 === t0 ? plot.width / 2 : ((dayMillis(start) - t0) / (t1 - t0)) * plot.width),
    );
  const yOf = (mood: number) => round(plot.top + ((5 - mood) / 4) * plot.height);
  const dots = points.map((p) => ({ x: xOf(p.start), y: yOf(p.average) }));
  const path = dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' ');
  const yTicks = [1, 2, 3, 4, 5].map((m) => ({ y: yOf(m), label: String(m) }));
  const tickCount = Math.min(points.length, 5);
  const xTicks: ChartShape['xTicks'] = [];
  for (let i = 0; i < tickCount; i++) {
    const p =
      points[tickCount === 1 ? 0 : Math.round((i * (points.length - 1)) / (tickCount - 1))]!;
    xTicks.push({ x: xOf(p.start), label: p.label });
  }
  return { period, points, plot, path, dots, yTicks, xTicks };
}
