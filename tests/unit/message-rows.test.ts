import { describe, expect, it } from 'vitest';
import { buildMessageRows } from '../../src-renderer/features/chat/useMessageRows';
import type { ChatMessage } from '../../src-renderer/services/types';
import { Virtualizer } from '@tanstack/react-virtual';
import { pinnedAfterScroll, scrollDownBy } from '../../src-renderer/features/chat/useChatScroll';

const HOUR = 60 * 60 * 1000;
const empty = buildMessageRows({ messages: [], rows: [], dayStart: Infinity, dayEnd: -Infinity }, []);
const message = (id: string, ts: number): ChatMessage => ({ id, ts, author: 'a', text: id });
const day1 = new Date(2026, 10, 23, 9).getTime();
const day2 = new Date(2026, 10, 24, 9).getTime();
const summary = (rows: ReturnType<typeof buildMessageRows>['rows']) => rows.map((r) => (r.kind === 'day' ? `day` : r.key));

describe('message rows', () => {
  it('puts a day heading wherever the date changes', () => {
    const built = buildMessageRows(empty, [message('m1', day1), message('m2', day1 + HOUR), message('m3', day2)]);
    expect(summary(built.rows)).toEqual(['day', 'm1', 'm2', 'day', 'm3']);
  });

  it('appending gives the same rows as building from scratch, and keeps the earlier row objects', () => {
    const first = [message('m1', day1), message('m2', day1 + HOUR)];
    const before = buildMessageRows(empty, first);
    const more = [...first, message('m3', day1 + 2 * HOUR), message('m4', day2)];
    const appended = buildMessageRows(before, more);
    expect(appended.rows).toEqual(buildMessageRows(empty, more).rows);
    expect(appended.rows[1]).toBe(before.rows[1]);
    expect(appended.rows).not.toBe(before.rows);
  });

  it('rebuilds when an older message is merged into the middle', () => {
    const first = [message('m1', day1), message('m3', day2)];
    const before = buildMessageRows(empty, first);
    const merged = [message('m1', day1), message('m2', day1 + HOUR), message('m3', day2)];
    expect(summary(buildMessageRows(before, merged).rows)).toEqual(['day', 'm1', 'm2', 'day', 'm3']);
  });

  it('rebuilds when the list got shorter or was replaced', () => {
    const before = buildMessageRows(empty, [message('m1', day1), message('m2', day2)]);
    expect(summary(buildMessageRows(before, [message('x', day2)]).rows)).toEqual(['day', 'x']);
    expect(buildMessageRows(before, []).rows).toEqual([]);
  });
});

describe('following the newest message', () => {
  it('virtual-core still has the scroll adjustment the list follows with (a private method)', () => {
    // useChatScroll falls back to scrollToEnd if it is gone; this says so at upgrade time.
    const adjust = (Virtualizer.prototype as unknown as { applyScrollAdjustment?: unknown }).applyScrollAdjustment;
    expect(typeof adjust).toBe('function');
    expect((adjust as (delta: number, behavior?: unknown) => boolean).length).toBe(2);
  });

  it('scrolls by the gap through the virtualizer, and by scrollToEnd when that method is missing', () => {
    const calls: string[] = [];
    const withAdjust = { applyScrollAdjustment: (delta: number) => calls.push(`adjust ${delta}`), scrollToEnd: () => calls.push('end') };
    scrollDownBy(withAdjust as unknown as Parameters<typeof scrollDownBy>[0], 42);
    scrollDownBy({ scrollToEnd: () => calls.push('end') } as unknown as Parameters<typeof scrollDownBy>[0], 42);
    expect(calls).toEqual(['adjust 42', 'end']);
  });

  it('stops following only when the reader moves up; the list moving up by itself keeps following', () => {
    const farUp = { pinned: true, distanceFromEnd: 700_000, top: 14_000, lastTop: 14_006 };
    expect(pinnedAfterScroll({ ...farUp, byReader: false })).toBe(true);
    expect(pinnedAfterScroll({ ...farUp, byReader: true })).toBe(false);
    // Moving down, or a small move, does not unpin; reaching the end pins whoever moved.
    expect(pinnedAfterScroll({ ...farUp, top: 14_010, byReader: true })).toBe(true);
    expect(pinnedAfterScroll({ ...farUp, top: 14_005.5, byReader: true })).toBe(true);
    expect(pinnedAfterScroll({ pinned: false, distanceFromEnd: 20, top: 5, lastTop: 900, byReader: false })).toBe(true);
    expect(pinnedAfterScroll({ pinned: false, distanceFromEnd: 900, top: 5, lastTop: 900, byReader: false })).toBe(false);
  });
});
