import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { messageKey } from '../../../src-shared/circle/moderation';
import type { ReadableList } from '../../../src-shared/list-snapshot';

/** A request to bring one message into view (a search result): a new object each time it is asked. */
export interface RevealRequest {
  /** A message is its author and id together: two authors may use one id. */
  author: string;
  id: string;
}

/** Rows kept above a revealed message, so that it can sit in the middle of the list. */
const ROWS_ABOVE = 50;
/** Frames to wait for the revealed row to be drawn before focusing it (about two seconds). */
const FOCUS_FRAMES = 120;

interface RevealParts {
  /** All the rows, and those the list holds now (see rowWindow.ts). */
  rows: ReadableList<{ key: string }>;
  windowRows: ReadableList<{ key: string }>;
  hiddenAbove: number;
  showFrom: (index: number) => void;
  /** Stops following the newest message, so the window stays where the message is. */
  unpin: () => void;
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

/**
 * Brings a message into view when asked: the rows around it are given to the list if they were
 * left out above, the list scrolls it to the middle, and the message takes focus once drawn, so a
 * screen reader reads it and the keyboard continues from there.
 */
export function useRevealRow(parts: RevealParts, request: RevealRequest | null): void {
  const latest = useRef(parts);
  useLayoutEffect(() => {
    latest.current = parts;
  });
  const [target, setTarget] = useState<RevealRequest | null>(null);
  const stopFocusing = useRef<() => void>(() => {});
  useEffect(() => () => stopFocusing.current(), []);

  useEffect(() => {
    if (!request) return;
    const { rows, hiddenAbove, showFrom, unpin } = latest.current;
    const index = lastIndexOfKey(rows, messageKey(request.author, request.id));
    if (index < 0) return;
    unpin();
    setTarget(request);
    if (index < hiddenAbove) showFrom(index - ROWS_ABOVE);
  }, [request]);

  const { windowRows, virtualizer, scrollRef } = parts;
  useLayoutEffect(() => {
    if (target === null) return;
    const index = lastIndexOfKey(windowRows, messageKey(target.author, target.id));
    if (index < 0) return; // the window is still moving to it
    setTarget(null);
    virtualizer.scrollToIndex(index, { align: 'center' });
    stopFocusing.current();
    stopFocusing.current = focusWhenDrawn(scrollRef, target);
  }, [target, windowRows, virtualizer, scrollRef]);
}

function lastIndexOfKey(rows: ReadableList<{ key: string }>, key: string): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows.at(i)!.key === key) return i;
  return -1;
}

/** Focuses the message's element once the list has drawn it; the returned function gives up. */
function focusWhenDrawn(
  scrollRef: RefObject<HTMLDivElement | null>,
  { author, id }: RevealRequest,
): () => void {
  let frame = 0;
  let left = FOCUS_FRAMES;
  const attempt = () => {
    const element = scrollRef.current?.querySelector<HTMLElement>(
      `[data-message-id="${CSS.escape(id)}"][data-message-author="${CSS.escape(author)}"]`,
    );
    // The list places the row itself: focusing must not scroll the page on top of that.
    if (element) element.focus({ preventScroll: true });
    else if (left-- > 0) frame = requestAnimationFrame(attempt);
  };
  frame = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(frame);
}
