import { describe, expect, it } from 'vitest';
import {
  extendedStartIndex,
  FOLLOW_ROWS,
  OLDER_ROWS,
  windowStartAt,
  windowStartIndex,
} from '../../src-renderer/features/chat/rowWindow';

type Row = { kind: 'day' | 'message'; key: string };
const rows = (n: number, from = 0): Row[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'message', key: `m${from + i}` }));
const day = (key: string): Row => ({ kind: 'day', key });
const fresh = { key: null, index: 0 };

describe('the rows the message list is given', () => {
  it('starts with the newest FOLLOW_ROWS rows, or all of a short conversation', () => {
    expect(windowStartIndex(rows(10), fresh, true)).toBe(0);
    expect(windowStartIndex(rows(10_000), fresh, true)).toBe(10_000 - FOLLOW_ROWS);
    expect(windowStartIndex([], fresh, true)).toBe(0);
  });

  it('keeps its first row while messages arrive, and slides down once a follower has twice the window', () => {
    const all = rows(3 * FOLLOW_ROWS);
    const start = { key: 'm0', index: 0 };
    expect(windowStartIndex(all.slice(0, 2 * FOLLOW_ROWS), start, true)).toBe(0);
    expect(windowStartIndex(all.slice(0, 2 * FOLLOW_ROWS + 1), start, true)).toBe(FOLLOW_ROWS + 1);
    // A reader who scrolled up keeps everything they have scrolled through.
    expect(windowStartIndex(all, start, false)).toBe(0);
  });

  it('keeps the message it started at when history is merged in above, with that message’s day heading', () => {
    const shown = [day('day-2'), ...rows(2_000, 500)];
    const start = windowStartAt(shown, 0);
    expect(start).toEqual({ key: 'm500', index: 1 });
    // Earlier history of the same day: the heading moves to its oldest message, the window stays.
    const sameDay = [day('day-2'), ...rows(2_500)];
    expect(windowStartIndex(sameDay, start, false)).toBe(501);
    // Earlier days: the message now has its heading right above it again.
    const earlierDays = [day('day-1'), ...rows(500, 10_000), day('day-2'), ...rows(2_000, 500)];
    expect(windowStartIndex(earlierDays, start, false)).toBe(501);
  });

  it('always holds the newest FOLLOW_ROWS rows when there are that many, so there is something to scroll up through', () => {
    // A newcomer saw a few messages first; the whole history then arrived above them.
    const start = windowStartAt([day('day-9'), ...rows(6, 10_000)], 0);
    const joined = [day('day-1'), ...rows(10_000), day('day-9'), ...rows(6, 10_000)];
    expect(windowStartIndex(joined, start, false)).toBe(joined.length - FOLLOW_ROWS);
    // Gone (another circle, or rows rebuilt without it): the newest rows.
    expect(windowStartIndex(rows(5_000), { key: 'elsewhere', index: 3 }, false)).toBe(
      5_000 - FOLLOW_ROWS,
    );
  });

  it('adds OLDER_ROWS older rows at a time as the reader scrolls up, down to the first', () => {
    expect(extendedStartIndex(4_000)).toBe(4_000 - OLDER_ROWS);
    expect(extendedStartIndex(OLDER_ROWS - 1)).toBe(0);
    expect(extendedStartIndex(0)).toBe(0);
  });
});
