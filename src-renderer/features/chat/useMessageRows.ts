import { useRef } from 'react';
import { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { ChatMessage } from '../../services/types';
import { startOfDay, startOfNextDay } from './format';

export type MessageRow =
  | { kind: 'day'; key: string; dayStart: number }
  | { kind: 'message'; key: string; message: ChatMessage };

export interface BuiltRows {
  messages: ListSnapshot<ChatMessage>;
  rows: ListSnapshot<MessageRow>;
  /** The array behind `rows`, which later builds append to (see ListSnapshot). */
  rowArray: MessageRow[];
  /** The day the last row belongs to, so appended messages continue it. */
  dayStart: number;
  dayEnd: number;
}

export const NO_ROWS: BuiltRows = {
  messages: ListSnapshot.of([]),
  rows: ListSnapshot.of([]),
  // Frozen: nothing may append to the rows of "no rows" (buildMessageRows starts a new array).
  rowArray: Object.freeze([]) as unknown as MessageRow[],
  dayStart: Number.POSITIVE_INFINITY,
  dayEnd: Number.NEGATIVE_INFINITY,
};

/**
 * Rows for `messages`, extending `previous` when the new list only adds messages at the end (the
 * usual case: someone wrote). Rows are appended to the previous rows' array, not copied: with 100k
 * messages a copy per new message cost more than showing it. Anything else (an older message
 * merged in the middle) rebuilds everything in a new array.
 */
export function buildMessageRows(
  previous: BuiltRows,
  messages: ListSnapshot<ChatMessage>,
): BuiltRows {
  // Appending is safe only onto the newest snapshot of the rows: else two lists would share the array.
  const extends_ =
    messages.extends(previous.messages) &&
    previous.rowArray.length === previous.rows.length &&
    previous.messages.length > 0;
  const start = extends_ ? previous.messages.length : 0;
  const rowArray = extends_ ? previous.rowArray : [];
  let { dayStart, dayEnd } = extends_ ? previous : NO_ROWS;
  // Messages are in time order, so a date only needs working out when one leaves the current day.
  for (let i = start; i < messages.length; i++) {
    const message = messages.at(i)!;
    if (message.ts < dayStart || message.ts >= dayEnd) {
      dayStart = startOfDay(message.ts);
      dayEnd = startOfNextDay(message.ts);
      rowArray.push({ kind: 'day', key: `day-${dayStart}`, dayStart });
    }
    rowArray.push({ kind: 'message', key: message.id, message });
  }
  return { messages, rows: ListSnapshot.of(rowArray), rowArray, dayStart, dayEnd };
}

/** The messages as list rows, with a day heading wherever the date changes. */
export function useMessageRows(messages: ListSnapshot<ChatMessage>): ListSnapshot<MessageRow> {
  const built = useRef<BuiltRows>(NO_ROWS);
  if (built.current.messages !== messages)
    built.current = buildMessageRows(built.current, messages);
  return built.current.rows;
}
