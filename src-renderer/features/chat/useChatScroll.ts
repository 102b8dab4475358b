import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { MessageRow } from './useMessageRows';
import { useRevealRow, type RevealRequest } from './useRevealRow';
import { useRowWindow } from './useRowWindow';

const ESTIMATED_MESSAGE_HEIGHT = 76;
const ESTIMATED_DAY_HEIGHT = 44;
const ESTIMATED_MEMBER_LINE_HEIGHT = 32;
/** How close to the bottom (px) still counts as "at the newest message". */
const BOTTOM_SLACK = 48;
/** How close to the top of the shown rows (px) the reader gets before older rows are added. */
const NEAR_TOP = 2_000;

/**
 * A virtualizer for the message list that opens at the newest message and stays there as
 * messages arrive, until the reader scrolls up; scrolling back down (or sending) pins it again.
 * `jumpRequest` changing means "show the newest message" (the person just sent one). It is given
 * only the newest rows (`shownRows`, see rowWindow.ts) and more as the reader scrolls up.
 * `reveal` brings one message into view and focus (a search result, useRevealRow).
 */
export function useChatScroll(
  rows: ListSnapshot<MessageRow>,
  jumpRequest: number,
  reveal: RevealRequest | null = null,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pinnedRef = useRef(true);
  const { windowRows, hiddenAbove, showOlder, showFrom } = useRowWindow(rows, pinnedRef);
  const getItemKey = useCallback(
    (index: number) => windowRows.at(index)?.key ?? index,
    [windowRows],
  );
  const estimateSize = useCallback(
    (index: number) => {
      const kind = windowRows.at(index)?.kind;
      if (kind === 'day') return ESTIMATED_DAY_HEIGHT;
      return kind === 'member' ? ESTIMATED_MEMBER_LINE_HEIGHT : ESTIMATED_MESSAGE_HEIGHT;
    },
    [windowRows],
  );
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: windowRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    // Rows added or removed above the first one on screen (older rows shown as the reader
    // scrolls up, history merged in while they read) leave that row where it was on screen.
    anchorTo: 'end',
    // Positions and the list's height are written straight to the DOM, and React re-renders
    // only when the range of shown rows changes: a row measuring taller than estimated (every
    // new message) would otherwise re-render the list synchronously before it could be seen.
    directDomUpdates: true,
    // Rows are placed with `top`, not the default translate3d, which gives each row a compositor
    // layer of its own. Fewer layers to commit per frame; the delivery benchmark showed no
    // difference either way.
    directDomUpdatesMode: 'position',
    measureElement: measureWithoutForcingLayout,
  });

  const { pinned, pin, unpin, rebase } = usePinnedToEnd(scrollRef, virtualizer, pinnedRef);
  useRevealRow({ rows, windowRows, hiddenAbove, showFrom, unpin, virtualizer, scrollRef }, reveal);
  // Rows added or removed above move the scroll position with them (anchorTo above): that move
  // is the list's, not the reader's, even during a gesture.
  useLayoutEffect(rebase, [windowRows, rebase]);
  useShowOlderNearTop(scrollRef, virtualizer, hiddenAbove, showOlder);
  // A row measuring other than its estimate moves what is below it. A pinned reader keeps the
  // end in view (the scroll follows the growth); otherwise the library's rule keeps the rows on
  // screen still: a row above the viewport changing size moves the scroll with it.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) =>
    pinnedRef.current ||
    (instance.itemSizeCache.has(item.key)
      ? item.end <= (instance.scrollOffset ?? 0) && instance.scrollDirection !== 'backward'
      : item.start < (instance.scrollOffset ?? 0));
  const scrollToEnd = useCallback(() => {
    pin();
    virtualizer.scrollToEnd();
  }, [pin, virtualizer]);

  // While pinned, changes in length or measured size end at the newest message. Following is
  // done once per frame (before paint), however many messages arrive in it: reading the scroll
  // size forces a layout, and a burst of history would otherwise force one per message.
  const follow = useFollowOncePerFrame(() => {
    if (!pinnedRef.current) return;
    // The gap comes from the virtualizer's own sizes, not the element's. The write itself makes
    // the browser lay out, but in a frame callback that is the layout the frame does anyway.
    const gap =
      virtualizer.getTotalSize() -
      ((virtualizer.scrollOffset ?? 0) + (virtualizer.scrollRect?.height ?? 0));
    if (gap > 0.5) scrollDownBy(virtualizer, gap);
  });
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (windowRows.length > 0) follow();
  }, [windowRows.length, totalSize, follow]);

  // The list's box changing size (a banner above it, a window resize) keeps a pinned reader pinned.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(follow);
    observer.observe(el);
    return () => observer.disconnect();
  }, [follow]);

  useEffect(() => {
    if (jumpRequest > 0) scrollToEnd();
  }, [jumpRequest, scrollToEnd]);

  // Home (to the first row shown; older ones are then added above it) and End jump at once. The
  // browser's own animated scroll stops wherever a row above the screen is first measured and
  // the list corrects its position: over a long history, Home only got about halfway each time.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget || event.altKey || event.shiftKey || event.metaKey)
        return;
      if (event.key === 'Home') virtualizer.scrollToOffset(0);
      else if (event.key === 'End') scrollToEnd();
      else return;
      event.preventDefault();
    },
    [virtualizer, scrollToEnd],
  );

  return {
    scrollRef,
    virtualizer,
    shownRows: windowRows,
    showJump: !pinned && windowRows.length > 0,
    scrollToEnd,
    onKeyDown,
    /** For useJumpToRow: all rows, how many are left out above, and the window's controls. */
    rows,
    hiddenAbove,
    showFrom,
    unpin,
  };
}

/** Adds older rows above when the reader scrolls near the top of the shown ones. */
function useShowOlderNearTop(
  scrollRef: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>,
  hiddenAbove: number,
  showOlder: () => void,
) {
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || hiddenAbove === 0) return;
    const onScroll = () => {
      if ((virtualizer.scrollOffset ?? el.scrollTop) < NEAR_TOP) showOlder();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [scrollRef, virtualizer, hiddenAbove, showOlder]);
}

/**
 * Scrolls down by `delta` with virtual-core's own write for content that changed size. Unlike
 * scrollBy/scrollToEnd it is not a command: the library neither re-reads the scroll size at each
 * measurement until its scroll event comes back nor checks the position frame after frame, work
 * that cost about as much as showing the message. The method is private in the library's types
 * (virtual-core 3.19), so it is looked up, and scrollToEnd does the job if it is ever gone.
 */
export function scrollDownBy(
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>,
  delta: number,
): void {
  const adjust = (virtualizer as unknown as { applyScrollAdjustment?: (delta: number) => boolean })
    .applyScrollAdjustment;
  if (typeof adjust === 'function') adjust.call(virtualizer, delta);
  else virtualizer.scrollToEnd();
}

/**
 * A row's height, without forcing a layout: the ResizeObserver's entry once it has one, else the
 * last measured or estimated height. The library's default reads offsetHeight when a row mounts,
 * which forces the browser to lay out the page inside React's commit, before a new message can
 * be seen; the observer reports the real height before that frame is painted anyway.
 */
function measureWithoutForcingLayout(
  element: HTMLDivElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLDivElement, HTMLDivElement>,
): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  if (entry) return element.offsetHeight;
  const index = instance.indexFromElement(element);
  return (
    instance.itemSizeCache.get(instance.options.getItemKey(index)) ??
    instance.options.estimateSize(index)
  );
}

/** How long after a wheel turn, touch or key press a scroll still counts as the reader's (ms). */
const READER_GESTURE_MS = 700;

/**
 * Whether the list should follow the newest message after a scroll event. Only the reader moving
 * up unpins. The list also scrolls up by itself, when rows measure shorter than estimated, and a
 * history arriving in the same frame can make that look far from the end: in about one late join
 * in twelve the list stopped following and stayed on old messages. So moving up unpins only while
 * the reader is using the wheel, the keys, the screen, the scrollbar or focus inside the list.
 */
export function pinnedAfterScroll(scroll: {
  pinned: boolean;
  distanceFromEnd: number;
  top: number;
  lastTop: number;
  byReader: boolean;
}): boolean {
  if (scroll.distanceFromEnd <= BOTTOM_SLACK) return true;
  if (scroll.pinned && scroll.byReader && scroll.top < scroll.lastTop - 1) return false;
  return scroll.pinned;
}

/**
 * Whether the reader wants to follow the newest message (see pinnedAfterScroll): content growing
 * below never unpins, nor does the list shrinking while at the end.
 */
function usePinnedToEnd(
  scrollRef: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>,
  pinned: RefObject<boolean>,
) {
  const [state, setState] = useState(true);
  const lastTop = useRef(0);
  const set = useCallback(
    (value: boolean) => {
      pinned.current = value;
      setState(value);
    },
    [pinned],
  );

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    lastTop.current = el.scrollTop;
    let gestureUntil = 0;
    let pointerDown = false;
    const gesture = () => {
      gestureUntil = performance.now() + READER_GESTURE_MS;
    };
    // A press on the list may be on its scrollbar: the drag scrolls until the button is released.
    const press = () => {
      pointerDown = true;
    };
    const release = () => {
      if (!pointerDown) return;
      pointerDown = false;
      gesture();
    };
    // Read from the virtualizer (its scroll listener ran first and re-rendered): the element's
    // scroll size would force a second layout in every scroll event.
    const onScroll = () => {
      const top = virtualizer.scrollOffset ?? el.scrollTop;
      const distanceFromEnd =
        virtualizer.getTotalSize() - top - (virtualizer.scrollRect?.height ?? el.clientHeight);
      const byReader = pointerDown || performance.now() < gestureUntil;
      const next = pinnedAfterScroll({
        pinned: pinned.current,
        distanceFromEnd,
        top,
        lastTop: lastTop.current,
        byReader,
      });
      if (next !== pinned.current) set(next);
      lastTop.current = top;
    };
    const passive = { passive: true } as const;
    el.addEventListener('scroll', onScroll, passive);
    el.addEventListener('wheel', gesture, passive);
    el.addEventListener('touchmove', gesture, passive);
    el.addEventListener('keydown', gesture);
    // Focus moving inside the list (Tab, or a screen reader bringing an element into view).
    el.addEventListener('focusin', gesture);
    el.addEventListener('pointerdown', press, passive);
    window.addEventListener('pointerup', release, passive);
    window.addEventListener('pointercancel', release, passive);
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', gesture);
      el.removeEventListener('touchmove', gesture);
      el.removeEventListener('keydown', gesture);
      el.removeEventListener('focusin', gesture);
      el.removeEventListener('pointerdown', press);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
    };
  }, [pinned, scrollRef, set, virtualizer]);

  const pin = useCallback(() => set(true), [set]);
  const unpin = useCallback(() => set(false), [set]);
  /** Takes the current position as the one the next scroll event is compared with. */
  const rebase = useCallback(() => {
    lastTop.current = virtualizer.scrollOffset ?? scrollRef.current?.scrollTop ?? 0;
  }, [scrollRef, virtualizer]);
  /** `pinned` for rendering; the ref passed in is always current, for effects. */
  return { pinned: state, pin, unpin, rebase };
}

/** A stable function that runs `task` at the next animation frame, once, however often it is called before then. */
function useFollowOncePerFrame(task: () => void): () => void {
  const taskRef = useRef(task);
  taskRef.current = task;
  const frame = useRef(0);
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );
  return useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      taskRef.current();
    });
  }, []);
}
