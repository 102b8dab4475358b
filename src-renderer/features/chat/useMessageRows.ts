import { useRef } from 'react';
import type { ChatMessage } from '../../services/types';
import { startOfDay, startOfNextDay } from './format';

export type MessageRow = { kind: 'day'; key: string; dayStart: number } | { kind: 'message'; key: string; message: ChatMessage };

interface Built {
  messages: readonly ChatMessage[];
  rows: MessageRow[];
  /** The day the last row belongs to, so appended messages continue it. */
  dayStart: number;
  dayEnd: number;
}

const EMPTY: Built = { messages: [], rows: [], dayStart: Number.POSITIVE_INFINITY, dayEnd: Number.NEGATIVE_INFINITY };

/**
 * Rows for `messages`, reusing `previous` when the new list only adds messages at the end (the
 * usual case: someone wrote). Rebuilding 10k rows for every new message would cost more than
 * showing it. Anything else (an older message merged in the middle) rebuilds everything.
 */
export function buildMessageRows(previous: Built, messages: readonly ChatMessage[]): Built {
  const old = previous.messages;
  const extends_ =
    old.length > 0 && old.length <= messages.length && messages[0] === old[0] && messages[old.length - 1] === old[old.length - 1];
  const start = extends_ ? old.length : 0;
  // Rows are shared with the previous result only by copying: React compares the array by identity.
  const rows = extends_ ? previous.rows.slice() : [];
  let { dayStart, dayEnd } = extends_ ? previous : EMPTY;
  // Messages are in time order, so a date only needs working out when one leaves the current day.
  for (let i = start; i < messages.length; i++) {
    const message = messages[i]!;
    if (message.ts < dayStart || message.ts >= dayEnd) {
      dayStart = startOfDay(message.ts);
      dayEnd = startOfNextDay(message.ts);
      rows.push({ kind: 'day', key: `day-${dayStart}`, dayStart });
    }
    rows.push({ kind: 'message', key: message.id, message });
  }
  return { messages, rows, dayStart, dayEnd };
}

/** The messages as list rows, with a day heading wherever the date changes. */
export function useMessageRows(messages: readonly ChatMessage[]): MessageRow[] {
  const built = useRef<Built>(EMPTY);
  if (built.current.messages !== messages) built.current = buildMessageRows(built.current, messages);
  return built.current.rows;
}
