import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import {
  chartSeries,
  formatPeriod,
  INSTRUMENTS,
  type InstrumentId,
  type MeasurePoint,
} from '../../../../src-shared/journal';
import { cssVar, dateLineOptions, mountPlot } from '../plot-mount';

const HEIGHT = 200;

/** The published bands as text: `None–minimal 0–4, Mild 5–9, …`. */
export const bandsText = (id: InstrumentId): string =>
  INSTRUMENTS[id].bands.map((b) => `${b.name} ${b.min}–${b.max}`).join(', ');

/**
 * One questionnaire's scores over time on the mood chart's time axis, its bands shaded behind
 * the line. The canvas is hidden from screen readers; the caption and the table say the same.
 */
export function MeasureChart({ id, points }: { id: InstrumentId; points: MeasurePoint[] }) {
  const instrument = INSTRUMENTS[id];
  const box = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const shade = cssVar('--surface-muted');
    const max = instrument.maxScore;
    const { options } = dateLineOptions(
      points,
      'day',
      { range: [0, max], splits: [...instrument.bands.map((b) => b.min), max], size: 36 },
      { label: instrument.name, showPoints: true },
    );
    let draws = 0;
    // Every other band is shaded, so each band reads as a stripe behind the line.
    const shadeBands = (u: uPlot) => {
      const { left, width } = u.bbox;
      u.ctx.save();
      u.ctx.fillStyle = shade;
      instrument.bands.forEach((b, i) => {
        if (i % 2 === 1) return;
        const top = u.valToPos(Math.min(max, b.max + 0.5), 'y', true);
        const bottom = u.valToPos(Math.max(0, b.min - 0.5), 'y', true);
        u.ctx.fillRect(left, top, width, bottom - top);
      });
      u.ctx.restore();
    };
    const hooks: uPlot.Hooks.Arrays = {
      drawClear: [shadeBands],
      draw: [() => figure.current?.setAttribute('data-drawn', String(++draws))],
    };
    return mountPlot(el, HEIGHT, { ...options, hooks }, chartSeries(points, 'day'));
  }, [points, instrument]);

  const first = points[0];
  const last = points[points.length - 1];
  const span =
    first && last && first !== last
      ? `from ${formatPeriod(first.start, 'day')} to ${formatPeriod(last.start, 'day')}`
      : first
        ? `on ${formatPeriod(first.start, 'day')}`
        : '';
  return (
    <figure
      ref={figure}
      className="mood-chart"
      data-testid={`measure-chart-${id}`}
      data-points={points.length}
    >
      <figcaption className="mood-chart__caption">
        {instrument.name} scores {span}, out of {instrument.maxScore}. Bands: {bandsText(id)}.
      </figcaption>
      <div ref={box} className="mood-chart__plot" aria-hidden="true" />
    </figure>
  );
}
