import { describe, expect, it } from 'vitest';
import {
  buildMessageRows,
  NO_ROWS,
  type BuiltRows,
} from '../../src-renderer/features/chat/useMessageRows';
import { ListSnapshot } from '../../src-shared/list-snapshot';
import type { ChatMessage } from '../../src-renderer/services/types';
import { Virtualizer } from '@tanstack/react-virtual';
import { pinnedAfterScroll, scrollDownBy } from '../../src-renderer/features/chat/useChatScroll';

const HOUR = 60 * 60 * 1000;
const message = (id: string, ts: number): ChatMessage => ({ id, ts, author: 'a', text: id });
const day1 = new Date(2026, 10, 23, 9).getTime();
const day2 = new Date(2026, 10, 24, 9).getTime();
const summary = (rows: BuiltRows['rows']) =>
  rows.map((r) => (r.kind === 'day' ? `day` : r.kind === 'message' ? r.message.id : r.key));
const build = (previous: BuiltRows, messages: ChatMessage[]) =>
  buildMessageRows(previous, ListSnapshot.of(messages));

describe('message rows', () => {
  it('puts a day heading wherever the date changes', () => {
    const built = build(NO_ROWS, [
      message('m1', day1),
      message('m2', day1 + HOUR),
      message('m3', day2),
    ]);
    expect(summary(built.rows)).toEqual(['day', 'm1', 'm2', 'day', 'm3']);
  });

  it('two authors’ messages under one id are two rows with their own keys (jump and highlight find the right one)', () => {
    const ann = message('m1', day1);
    const mallory = { ...message('m1', day1 + HOUR), author: 'mallory' };
    const keys = build(NO_ROWS, [ann, mallory]).rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('appending gives the same rows as building from scratch, without copying, and earlier snapshots stay as they were', () => {
    // Like the ledger: one live list that grows at the end, a snapshot per version.
    const live = [message('m1', day1), message('m2', day1 + HOUR)];
    const before = build(NO_ROWS, live);
    live.push(message('m3', day1 + 2 * HOUR), message('m4', day2));
    const appended = build(before, live);
    expect(summary(appended.rows)).toEqual(summary(build(NO_ROWS, [...live]).rows));
    expect(appended.rowArray).toBe(before.rowArray);
    expect(appended.rows).not.toBe(before.rows);
    expect(summary(before.rows)).toEqual(['day', 'm1', 'm2']);
  });

  it('does not append twice onto the same rows: a build from an older result starts a new array', () => {
    const live = [message('m1', day1)];
    const older = build(NO_ROWS, live);
    live.push(message('m2', day1 + HOUR));
    const newer = build(older, live);
    live.push(message('m3', day2));
    const again = build(older, live);
    expect(again.rowArray).not.toBe(older.rowArray);
    expect(summary(again.rows)).toEqual(['day', 'm1', 'm2', 'day', 'm3']);
    expect(summary(newer.rows)).toEqual(['day', 'm1', 'm2']);
  });

  it('rebuilds when an older message is merged into the middle (the ledger then has a new list)', () => {
    const before = build(NO_ROWS, [message('m1', day1), message('m3', day2)]);
    const merged = [message('m1', day1), message('m2', day1 + HOUR), message('m3', day2)];
    expect(summary(build(before, merged).rows)).toEqual(['day', 'm1', 'm2', 'day', 'm3']);
  });

  it('rebuilds when the list was replaced', () => {
    const before = build(NO_ROWS, [message('m1', day1), message('m2', day2)]);
    expect(summary(build(before, [message('x', day2)]).rows)).toEqual(['day', 'x']);
    expect(build(before, []).rows).toHaveLength(0);
  });
});

describe('following the newest message', () => {
  it('virtual-core still has the scroll adjustment the list follows with (a private method)', () => {
    // useChatScroll falls back to scrollToEnd if it is gone; this says so at upgrade time.
    const adjust = (Virtualizer.prototype as unknown as { applyScrollAdjustment?: unknown })
      .applyScrollAdjustment;
    expect(typeof adjust).toBe('function');
    expect((adjust as (delta: number, behavior?: unknown) => boolean).length).toBe(2);
  });

  it('scrolls by the gap through the virtualizer, and by scrollToEnd when that method is missing', () => {
    const calls: string[] = [];
    const withAdjust = {
      applyScrollAdjustment: (delta: number) => calls.push(`adjust ${delta}`),
      scrollToEnd: () => calls.push('end'),
    };
    scrollDownBy(withAdjust as unknown as Parameters<typeof scrollDownBy>[0], 42);
    scrollDownBy(
      { scrollToEnd: () => calls.push('end') } as unknown as Parameters<typeof scrollDownBy>[0],
      42,
    );
    expect(calls).toEqual(['adjust 42', 'end']);
  });

  it('stops following only when the reader moves up; the list moving up by itself keeps following', () => {
    const farUp = { pinned: true, distanceFromEnd: 700_000, top: 14_000, lastTop: 14_006 };
    expect(pinnedAfterScroll({ ...farUp, byReader: false })).toBe(true);
    expect(pinnedAfterScroll({ ...farUp, byReader: true })).toBe(false);
    // Moving down, or a small move, does not unpin; reaching the end pins whoever moved.
    expect(pinnedAfterScroll({ ...farUp, top: 14_010, byReader: true })).toBe(true);
    expect(pinnedAfterScroll({ ...farUp, top: 14_005.5, byReader: true })).toBe(true);
    expect(
      pinnedAfterScroll({
        pinned: false,
        distanceFromEnd: 20,
        top: 5,
        lastTop: 900,
        byReader: false,
      }),
    ).toBe(true);
    expect(
      pinnedAfterScroll({
        pinned: false,
        distanceFromEnd: 900,
        top: 5,
        lastTop: 900,
        byReader: false,
      }),
    ).toBe(false);
  });
});
