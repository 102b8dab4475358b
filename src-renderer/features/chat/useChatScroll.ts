import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MessageRow } from './useMessageRows';

const ESTIMATED_MESSAGE_HEIGHT = 76;
const ESTIMATED_DAY_HEIGHT = 44;
/** How close to the bottom (px) still counts as "at the bottom", so new messages keep it in view. */
const BOTTOM_SLACK = 48;

/**
 * A virtualizer for the message list that opens at the newest message, follows new messages
 * while the reader is at the bottom, and leaves the view alone when they have scrolled up.
 * `jumpRequest` changing means "show the newest message" (the person just sent one).
 */
export function useChatScroll(rows: MessageRow[], jumpRequest: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const estimateSize = useCallback(
    (index: number) => (rows[index]?.kind === 'day' ? ESTIMATED_DAY_HEIGHT : ESTIMATED_MESSAGE_HEIGHT),
    [rows],
  );

  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: BOTTOM_SLACK,
  });

  const scrollToEnd = useCallback(() => virtualizer.scrollToEnd(), [virtualizer]);

  // Open at the newest message. Only on mount: the list is remounted for each circle.
  useLayoutEffect(() => scrollToEnd(), []);

  // After sending, show the newest message even if the reader had scrolled up: now, and
  // again when the sent message arrives in the list.
  const pendingJump = useRef(false);
  useEffect(() => {
    if (jumpRequest === 0) return;
    pendingJump.current = true;
    scrollToEnd();
  }, [jumpRequest, scrollToEnd]);
  useEffect(() => {
    if (!pendingJump.current) return;
    pendingJump.current = false;
    scrollToEnd();
  }, [rows.length, scrollToEnd]);

  useStayAtEndOnResize(scrollRef, scrollToEnd);

  const atEnd = rows.length === 0 || virtualizer.isAtEnd(BOTTOM_SLACK);

  return { scrollRef, virtualizer, atEnd, scrollToEnd };
}

/**
 * When the list's own box changes size (a banner appears above it, the window is resized) the
 * reader who was at the newest message stays there.
 */
function useStayAtEndOnResize(scrollRef: RefObject<HTMLDivElement | null>, scrollToEnd: () => void) {
  const scrollToEndRef = useRef(scrollToEnd);
  scrollToEndRef.current = scrollToEnd;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let atEnd = true;
    const onScroll = () => {
      atEnd = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    };
    const observer = new ResizeObserver(() => {
      if (atEnd) scrollToEndRef.current();
    });
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef]);
}
