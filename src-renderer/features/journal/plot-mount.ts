// What the journal's uPlot charts share: colours from the theme's CSS variables (so dark mode
// follows), and a plot that fills its box's width and follows it when the window resizes.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import {
  axisTicks,
  chartDomain,
  type AxisTick,
  type MoodPoint,
  type Period,
} from '../../../src-shared/journal';

export const cssVar = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** Axis colours from the theme. */
export function themedAxis(): Pick<uPlot.Axis, 'stroke' | 'grid' | 'ticks'> {
  const grid = cssVar('--border');
  return {
    stroke: cssVar('--text-muted'),
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
  };
}

/** Draws a plot in `el` at its width (at least 280 px); returns what removes it. */
export function mountPlot(
  el: HTMLElement,
  height: number,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
): () => void {
  const width = () => Math.max(280, el.clientWidth);
  const plot = new uPlot({ ...options, width: width(), height }, data, el);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
  resize.observe(el);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}

/**
 * Options for one accent line over dates: the mood chart's time axis (the data's periods, ticks
 * as dates in the person's locale, never hours) and a value axis with the given splits.
 */
export function dateLineOptions(
  points: readonly MoodPoint[],
  period: Period,
  y: { range: [number, number]; splits: number[]; size: number },
  line: { label: string; showPoints: boolean },
): { options: Omit<uPlot.Options, 'width' | 'height'>; ticks: AxisTick[] } {
  const accent = cssVar('--accent');
  const axis = themedAxis();
  const domain = chartDomain(points, period)!;
  const ticks = axisTicks(domain);
  const options: Omit<uPlot.Options, 'width' | 'height'> = {
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: true, range: () => [domain.from / 1000, domain.to / 1000] },
      y: { range: y.range },
    },
    axes: [
      {
        ...axis,
        splits: () => ticks.map((t) => t.at / 1000),
        values: () => ticks.map((t) => t.label),
      },
      { ...axis, splits: () => y.splits, size: y.size },
    ],
    series: [
      {},
      {
        label: line.label,
        stroke: accent,
        width: 2,
        points: { show: line.showPoints, size: 6, fill: accent },
      },
    ],
  };
  return { options, ticks };
}
