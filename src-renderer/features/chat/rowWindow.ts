/**
 * Which rows of the conversation the virtualized list is given. The list's own bookkeeping
 * (@tanstack/virtual-core) redoes every row's position whenever the number of rows changes: about
 * 0.7 ms per arriving message at 10k rows and 23 ms at 100k, measured in Node; in the page, the
 * list's render took about 0.4 ms longer per message at 2,000 rows than at 200. So the list holds the newest rows only, grows upward as the reader
 * scrolls towards its top, and shrinks back to the newest rows once the reader follows the end.
 */

import type { ReadableList } from '../../../src-shared/list-snapshot';

/** Rows shown while following the newest message: between this many and twice this many. */
export const FOLLOW_ROWS = 500;
/** Rows added above at once when the reader scrolls near the top of what is shown. */
export const OLDER_ROWS = 1_500;

interface Row {
  kind: 'day' | 'message' | 'member';
  key: string;
}

type Rows = ReadableList<Row>;

/**
 * Where the shown rows started last time: the key of the first message shown (a day heading's
 * key is not used: when history from that day merges in, the same heading moves to its oldest
 * message), and its index then, as a hint.
 */
export interface WindowStart {
  key: string | null;
  index: number;
}

/**
 * The index of the first row to show. It stays on the same message as before (found by key, so
 * history merged in above does not move what is shown), with that message's day heading if it is
 * right above. It never holds fewer than the newest FOLLOW_ROWS rows, so the list can always be
 * scrolled up to ask for more. It slides down to the newest FOLLOW_ROWS rows when a reader
 * following the end has more than twice that many (once per FOLLOW_ROWS messages, not each).
 */
export function windowStartIndex(rows: Rows, previous: WindowStart, following: boolean): number {
  const newest = Math.max(0, rows.length - FOLLOW_ROWS);
  let start = findKey(rows, previous);
  if (start < 0) return newest;
  if (start > 0 && rows.at(start - 1)!.kind === 'day') start -= 1;
  start = Math.min(start, newest);
  if (following && rows.length - start > 2 * FOLLOW_ROWS) start = newest;
  return start;
}

/** What to remember of a window that starts at `index` (see WindowStart). */
export function windowStartAt(rows: Rows, index: number): WindowStart {
  const first = rows.at(index)?.kind === 'day' ? index + 1 : index;
  return { key: rows.at(first)?.key ?? null, index: first };
}

/** The first row to show once the reader reaches the top of what is shown. */
export function extendedStartIndex(start: number): number {
  return Math.max(0, start - OLDER_ROWS);
}

function findKey(rows: Rows, previous: WindowStart): number {
  if (previous.key === null) return -1;
  if (previous.index >= 0 && rows.at(previous.index)?.key === previous.key) return previous.index;
  // Rows were merged in or rebuilt: look for it (rare, and no dearer than building the rows was).
  for (let i = 0; i < rows.length; i++) if (rows.at(i)!.key === previous.key) return i;
  return -1;
}
