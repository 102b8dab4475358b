import { useCallback, useReducer, useRef, type RefObject } from 'react';
import { extendedStartIndex, windowStartAt, windowStartIndex, type WindowStart } from './rowWindow';
import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { MessageRow } from './useMessageRows';

interface Shown {
  rows: ListSnapshot<MessageRow>;
  start: number;
  window: ListSnapshot<MessageRow>;
}

/**
 * The rows the list is given (see rowWindow.ts): the newest ones while `following`, more as the
 * reader asks for older ones with `showOlder`. `hiddenAbove` counts the rows left out above.
 */
export function useRowWindow(rows: ListSnapshot<MessageRow>, following: RefObject<boolean>) {
  const start = useRef<WindowStart>({ key: null, index: 0 });
  const shown = useRef<Shown | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  // Worked out during render, like the rows themselves: it depends only on the rows, the row the
  // window started at last time and whether the reader follows the end.
  const index = windowStartIndex(rows, start.current, following.current);
  start.current = windowStartAt(rows, index);
  if (shown.current?.rows !== rows || shown.current.start !== index) {
    // A view of the rows from `index` on, not a copy: a reader far up a 100k history would
    // otherwise copy most of it for every message.
    shown.current = { rows, start: index, window: rows.from(index) };
  }

  const showOlder = useCallback(() => {
    if (!shown.current || shown.current.start === 0) return;
    start.current = windowStartAt(shown.current.rows, extendedStartIndex(shown.current.start));
    rerender();
  }, []);

  /** Shows every row from `index` on: the first unread message or a search result far up. */
  const showFrom = useCallback((index: number) => {
    if (!shown.current || index >= shown.current.start) return;
    start.current = windowStartAt(shown.current.rows, Math.max(0, index));
    rerender();
  }, []);

  return { windowRows: shown.current.window, hiddenAbove: index, showOlder, showFrom };
}
