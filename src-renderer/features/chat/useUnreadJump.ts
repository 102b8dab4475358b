import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReadableList } from '../../../src-shared/list-snapshot';
import type { useChatScroll } from './useChatScroll';

type ChatScroll = ReturnType<typeof useChatScroll>;

/**
 * The "New messages" divider's row as a place to go: the circle opens there when it is more
 * than a screen up, and `show` says when it is out of view (for "Jump to first unread"). `key`
 * is the first unread message's row key, or null when the circle opened with nothing unread.
 */
export function useUnreadJump(scroll: ChatScroll, key: string | null) {
  const { scrollRef, virtualizer, rows, shownRows, showFrom, unpin } = scroll;
  const found = useRef(-1);
  /** Finds the row among those shown, trying where it was last time first (rows are appended). */
  const indexShown = useCallback((): number => {
    if (key === null) return -1;
    if (shownRows.at(found.current)?.key === key) return found.current;
    found.current = findRow(shownRows, key);
    return found.current;
  }, [key, shownRows]);

  const pending = useRef(false);
  const scrollToRow = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'start' }),
    [virtualizer],
  );
  /** Goes to the divider, first showing older rows if it is above the rows shown. */
  const jump = useCallback((): boolean => {
    const index = indexShown();
    if (index >= 0) {
      unpin();
      scrollToRow(index);
      return true;
    }
    const inAll = key === null ? -1 : findRow(rows, key);
    if (inAll < 0) return false;
    unpin();
    pending.current = true;
    showFrom(inAll);
    return true;
  }, [indexShown, key, rows, scrollToRow, showFrom, unpin]);
  // Older rows were added above for a jump: now the row has its place.
  useLayoutEffect(() => {
    if (!pending.current) return;
    const index = indexShown();
    if (index < 0) return;
    pending.current = false;
    scrollToRow(index);
  }, [indexShown, scrollToRow]);

  // At open, once the list has laid out: start at the divider if it is more than a screen up.
  useEffect(() => {
    if (key === null) return;
    const frame = requestAnimationFrame(() => {
      const index = indexShown();
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      // The list may not have been told its size yet in its first frame.
      const height = virtualizer.scrollRect?.height || scrollRef.current?.clientHeight || 0;
      if (item && virtualizer.getTotalSize() - item.start <= height) return;
      jump();
    });
    return () => cancelAnimationFrame(frame);
    // Only when the circle opens: later the reader decides where to be.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const [outOfView, setOutOfView] = useState(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || key === null) return;
    const check = () => {
      const index = indexShown();
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      const top = virtualizer.scrollOffset ?? el.scrollTop;
      const bottom = top + (virtualizer.scrollRect?.height ?? el.clientHeight);
      // Not among the rows shown: far above them (the reader has not scrolled that far up).
      setOutOfView(
        item === undefined ? scroll.hiddenAbove > 0 : item.end <= top || item.start >= bottom,
      );
    };
    check();
    el.addEventListener('scroll', check, { passive: true });
    return () => el.removeEventListener('scroll', check);
  }, [indexShown, key, scroll.hiddenAbove, scrollRef, virtualizer]);

  /** The button's action: to the divider, and the keyboard's focus to the conversation. */
  const jumpAndFocus = useCallback(() => {
    if (!jump()) setOutOfView(false);
    scrollRef.current?.focus({ preventScroll: true });
  }, [jump, scrollRef]);

  return { show: outOfView, jump: jumpAndFocus };
}

/** The index of the row with `key`, looking from the newest (unread rows are near the end). */
export function findRow(rows: ReadableList<{ key: string }>, key: string): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows.at(i)!.key === key) return i;
  return -1;
}
