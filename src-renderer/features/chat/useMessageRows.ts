import { useRef } from 'react';
import type { MembershipEvent } from '../../../src-shared/circle/membership-events';
import { messageKey } from '../../../src-shared/circle/moderation';
import { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { ChatMessage } from '../../services/types';
import { startOfDay, startOfNextDay } from './format';

export type MessageRow =
  | { kind: 'day'; key: string; dayStart: number }
  | { kind: 'message'; key: string; message: ChatMessage }
  | { kind: 'member'; key: string; event: MembershipEvent };

export interface BuiltRows {
  messages: ListSnapshot<ChatMessage>;
  events: readonly MembershipEvent[];
  rows: ListSnapshot<MessageRow>;
  /** The array behind `rows`, which later builds append to (see ListSnapshot). */
  rowArray: MessageRow[];
  /** The day the last row belongs to, so appended messages continue it. */
  dayStart: number;
  dayEnd: number;
  /** How many of `events` are placed, and the time of the last one placed. */
  eventsPlaced: number;
  lastEventAt: number;
}

const NO_EVENTS: readonly MembershipEvent[] = Object.freeze([]);

export const NO_ROWS: BuiltRows = {
  messages: ListSnapshot.of([]),
  events: NO_EVENTS,
  rows: ListSnapshot.of([]),
  // Frozen: nothing may append to the rows of "no rows" (buildMessageRows starts a new array).
  rowArray: Object.freeze([]) as unknown as MessageRow[],
  dayStart: Number.POSITIVE_INFINITY,
  dayEnd: Number.NEGATIVE_INFINITY,
  eventsPlaced: 0,
  lastEventAt: Number.NEGATIVE_INFINITY,
};

/**
 * Rows for `messages` and the membership `events` (joins, departures) at their place in time,
 * extending `previous` when only messages were added at the end, none older than a line already
 * placed (the usual case: someone wrote). Rows are appended to the previous rows' array, not
 * copied: with 100k messages a copy per new message cost more than showing it. Anything else (an
 * older message merged in the middle, a member joining or leaving: rare) rebuilds everything in
 * a new array, once.
 */
export function buildMessageRows(
  previous: BuiltRows,
  messages: ListSnapshot<ChatMessage>,
  events: readonly MembershipEvent[] = NO_EVENTS,
): BuiltRows {
  // Appending is safe only onto the newest snapshot of the rows: else two lists would share the array.
  const extends_ =
    messages.extends(previous.messages) &&
    events === previous.events &&
    previous.rowArray.length === previous.rows.length &&
    previous.messages.length > 0 &&
    (messages.length === previous.messages.length ||
      messages.at(previous.messages.length)!.ts >= previous.lastEventAt);
  const base = extends_ ? previous : NO_ROWS;
  const rowArray = extends_ ? previous.rowArray : [];
  let { dayStart, dayEnd, eventsPlaced, lastEventAt } = base;
  // Items come in time order, so a date only needs working out when one leaves the current day.
  const enterDayOf = (ts: number) => {
    if (ts >= dayStart && ts < dayEnd) return;
    dayStart = startOfDay(ts);
    dayEnd = startOfNextDay(ts);
    rowArray.push({ kind: 'day', key: `day-${dayStart}`, dayStart });
  };
  const placeEventsUpTo = (ts: number) => {
    for (; eventsPlaced < events.length && events[eventsPlaced]!.at <= ts; eventsPlaced++) {
      const event = events[eventsPlaced]!;
      enterDayOf(event.at);
      rowArray.push({ kind: 'member', key: event.key, event });
      lastEventAt = event.at;
    }
  };
  for (let i = extends_ ? previous.messages.length : 0; i < messages.length; i++) {
    const message = messages.at(i)!;
    placeEventsUpTo(message.ts);
    enterDayOf(message.ts);
    // Keyed by author and id: two authors may use one id, and each row must be found as itself.
    rowArray.push({ kind: 'message', key: messageKey(message.author, message.id), message });
  }
  // Lines newer than every message go at the end.
  placeEventsUpTo(Number.POSITIVE_INFINITY);
  return {
    messages,
    events,
    rows: ListSnapshot.of(rowArray),
    rowArray,
    dayStart,
    dayEnd,
    eventsPlaced,
    lastEventAt,
  };
}

/** The messages and membership lines as list rows, with a day heading wherever the date changes. */
export function useMessageRows(
  messages: ListSnapshot<ChatMessage>,
  events: readonly MembershipEvent[],
): ListSnapshot<MessageRow> {
  const built = useRef<BuiltRows>(NO_ROWS);
  if (built.current.messages !== messages || built.current.events !== events)
    built.current = buildMessageRows(built.current, messages, events);
  return built.current.rows;
}
