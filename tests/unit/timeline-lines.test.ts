// The conversation's lines that are not messages: joins, departures and promotions at their
// place in time (derived from what the ledger accepted), and where the "New messages" divider
// goes when a circle opens with unread messages.
import { describe, expect, it } from 'vitest';
import { membershipEvents, type MembershipEvent } from '../../src-shared/circle/membership-events';
import type { MembershipState } from '../../src-shared/circle/membership-state';
import { ListSnapshot } from '../../src-shared/list-snapshot';
import { firstUnread, unreadCount } from '../../src-renderer/services/circles/unread';
import {
  buildMessageRows,
  NO_ROWS,
  type BuiltRows,
} from '../../src-renderer/features/chat/useMessageRows';
import { membershipEventsOf } from '../../src-renderer/services/circles/circle-view-parts';
import type { CircleLedger } from '../../src-shared/circle/ledger';
import { memberEventText } from '../../src-renderer/features/chat/member-line-text';
import type { ChatMessage } from '../../src-renderer/services/types';

const T0 = new Date(2026, 11, 7, 9).getTime();
const MIN = 60_000;
const message = (id: string, ts: number, author = 'ann'): ChatMessage => ({
  id,
  ts,
  author,
  text: id,
});
const person = (since: number) => ({ displayName: 'x', since });

function stateOf(parts: Partial<Pick<MembershipState, 'people' | 'departures' | 'log'>>) {
  return {
    people: parts.people ?? new Map(),
    departures: parts.departures ?? new Map(),
    log: parts.log ?? [],
  };
}

describe('membership events', () => {
  it('joins (not the founder’s), departures and promotions, in time order, with no reason', () => {
    const events = membershipEvents(
      stateOf({
        people: new Map([
          ['ann', person(T0)],
          ['ben', person(T0 + 2 * MIN)],
          ['cal', person(T0 + MIN)],
          ['dee', person(T0 + 3 * MIN)],
        ]),
        departures: new Map([
          [
            'cal',
            {
              member: 'cal',
              displayName: 'Cal',
              kind: 'removed' as const,
              by: 'ann',
              at: T0 + 5 * MIN,
              reason: 'Repeated unkind messages',
              upTo: 3,
              hash: 'h',
            },
          ],
        ]),
        log: [
          { kind: 'removed', member: 'cal', by: 'ann', at: T0 + 5 * MIN, reason: 'Repeated' },
          { kind: 'promoted', member: 'dee', by: 'ann', at: T0 + 4 * MIN, reason: '' },
          { kind: 'muted', member: 'ben', by: 'ann', at: T0 + 4 * MIN, reason: 'x' },
        ],
      }),
      'ann',
    );
    expect(events.map((e) => `${e.kind} ${e.member}`)).toEqual([
      'joined cal',
      'joined ben',
      'joined dee',
      'facilitator dee',
      'removed cal',
    ]);
    expect(JSON.stringify(events)).not.toContain('unkind');
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    expect(memberEventText('removed')).toBe('is no longer in the circle');
    expect(memberEventText('left')).toBe('left the circle');
  });
});

describe('membership events of a circle', () => {
  it('stay the same array while the lines are the same (a rename rebuilds no rows)', () => {
    const people = new Map([
      ['ann', person(T0)],
      ['ben', person(T0 + MIN)],
    ]);
    const state = stateOf({ people });
    const ledger = { folded: state, membersVersion: 1, genesis: { author: 'ann' } };
    const first = membershipEventsOf(ledger as unknown as CircleLedger);
    expect(first.map((e) => e.key)).toEqual([`member-joined-ben-${T0 + MIN}`]);
    ledger.membersVersion = 2; // Ben renamed himself
    expect(membershipEventsOf(ledger as unknown as CircleLedger)).toBe(first);
    people.set('cal', person(T0 + 2 * MIN));
    ledger.membersVersion = 3;
    const next = membershipEventsOf(ledger as unknown as CircleLedger);
    expect(next).not.toBe(first);
    expect(next).toHaveLength(2);
  });
});

const joined = (member: string, at: number): MembershipEvent => ({
  kind: 'joined',
  member,
  at,
  key: `member-joined-${member}-${at}`,
});
/** Rows as day, message id or line key (a message row's own key is messageKey(author, id)). */
const keys = (built: BuiltRows) =>
  built.rows.map((r) => (r.kind === 'day' ? 'day' : r.kind === 'message' ? r.message.id : r.key));

describe('rows with membership lines', () => {
  it('places each line at its time, lines newer than every message at the end', () => {
    const messages = [message('m1', T0), message('m2', T0 + 2 * MIN)];
    const events = [joined('ben', T0 + MIN), joined('cal', T0 + 3 * MIN)];
    const built = buildMessageRows(NO_ROWS, ListSnapshot.of(messages), events);
    expect(keys(built)).toEqual(['day', 'm1', events[0]!.key, 'm2', events[1]!.key]);
  });

  it('a new message extends the rows in place (no copy of a long history), even with lines', () => {
    const live: ChatMessage[] = [];
    for (let i = 0; i < 100_000; i++) live.push(message(`m${i}`, T0 + i * 1000));
    const events: MembershipEvent[] = [];
    for (let i = 0; i < 300; i++) events.push(joined(`p${i}`, T0 + i * 300_000 + 500));
    let built = buildMessageRows(NO_ROWS, ListSnapshot.of(live), events);
    const array = built.rowArray;
    const started = performance.now();
    for (let i = 0; i < 1_000; i++) {
      live.push(message(`new${i}`, T0 + 200_000_000 + i));
      built = buildMessageRows(built, ListSnapshot.of(live), events);
    }
    const perMessage = (performance.now() - started) / 1_000;
    // The same array, appended to: each new message costs its own row, not 100k.
    expect(built.rowArray).toBe(array);
    expect(built.rows.map((r) => r.kind).filter((k) => k === 'member')).toHaveLength(300);
    expect(perMessage).toBeLessThan(1);
    expect(keys(built).at(-1)).toBe('new999');
  });

  it('a message older than a line already placed, or a new line, rebuilds in time order', () => {
    const live = [message('m1', T0)];
    const events = [joined('ben', T0 + 2 * MIN)];
    const first = buildMessageRows(NO_ROWS, ListSnapshot.of(live), events);
    live.push(message('m2', T0 + MIN));
    const later = buildMessageRows(first, ListSnapshot.of(live), events);
    expect(keys(later)).toEqual(['day', 'm1', 'm2', events[0]!.key]);
    expect(later.rowArray).not.toBe(first.rowArray);
    const more = [...events, joined('cal', T0 + 90_000)];
    more.sort((a, b) => a.at - b.at);
    const rebuilt = buildMessageRows(later, ListSnapshot.of(live), more);
    expect(keys(rebuilt)).toEqual(['day', 'm1', 'm2', more[0]!.key, more[1]!.key]);
  });
});

describe('the first unread message', () => {
  it('is the oldest of the newest unread ones, by the same rule as the count', () => {
    const messages = ListSnapshot.of([
      message('a', T0, 'ben'),
      message('b', T0 + 1, 'ben'),
      message('mine', T0 + 2, 'me'),
      message('blocked', T0 + 3, 'cal'),
      message('c', T0 + 4, 'ben'),
      message('future', T0 + 10 * MIN, 'ben'),
    ]);
    const now = T0 + MIN;
    const blocked = new Set(['cal']);
    const count = unreadCount(messages, T0, 'me', now, blocked);
    expect(count).toBe(2);
    expect(firstUnread(messages, count, 'me', now, blocked)).toEqual({ index: 1, count: 2 });
    expect(firstUnread(messages, 0, 'me', now, blocked)).toBeNull();
    // Fewer than asked (the count was taken before a message went): the oldest there is.
    expect(firstUnread(messages, 9, 'me', now, blocked)).toEqual({ index: 0, count: 3 });
    // A newcomer who joined at T0 + 1: what came before is history, not new.
    expect(firstUnread(messages, count + 1, 'me', now, blocked, T0 + 1)).toEqual({
      index: 1,
      count: 2,
    });
    expect(firstUnread(messages, 5, 'me', now, blocked, T0 + 5)).toBeNull();
  });
});
