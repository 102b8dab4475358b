import { useId, useMemo } from 'react';
import {
  circleComparison,
  comparisonSentence,
  COMPARISON_CAVEAT,
  MIN_DAYS_EACH_SIDE,
  tagComparisons,
  type Comparison,
  type JournalEntry,
} from '../../../src-shared/journal';
import { useHearth } from '../../app/HearthContext';

/**
 * Mood on days the person wrote in a circle, and on days with an emotion tag, against the other
 * days, worked out on this device. Shown only with enough days on both sides, with the counts,
 * and worded as a pattern, not a cause.
 */
export function WhatSeemsToHelp({ entries }: { entries: readonly JournalEntry[] }) {
  const app = useHearth();
  // Read when the entries change (opening this view, or a new check-in): a message written
  // meanwhile counts from the next look.
  const comparisons = useMemo(() => {
    const circle = circleComparison(entries, app.daysInCircles());
    const found: Comparison[] = circle.ok ? [circle.value] : [];
    return [...found, ...tagComparisons(entries)];
  }, [app, entries]);
  const titleId = useId();
  return (
    <section className="stack--tight" aria-labelledby={titleId} data-testid="insights">
      <h3 id={titleId}>What seems to go with your days</h3>
      {comparisons.length === 0 ? (
        <p className="field__hint" data-testid="insights-too-little">
          Not enough to compare yet. Once at least {MIN_DAYS_EACH_SIDE} days with a mood have
          something in common (you wrote in a circle, or noted the same emotion word) and at least{' '}
          {MIN_DAYS_EACH_SIDE} others do not, Hearth will show how your mood compared on those days.
        </p>
      ) : (
        <>
          <ul data-testid="insights-list">
            {comparisons.map((c) => (
              <li key={c.what} data-testid={`insight-${c.label}`}>
                {comparisonSentence(c)}
              </li>
            ))}
          </ul>
          <p className="field__hint">{COMPARISON_CAVEAT} Worked out on this computer only.</p>
        </>
      )}
    </section>
  );
}
