import { useMemo } from 'react';
import type { ChatMessage } from '../../services/types';
import { startOfDay, startOfNextDay } from './format';

export type MessageRow = { kind: 'day'; key: string; dayStart: number } | { kind: 'message'; key: string; message: ChatMessage };

/** The messages as list rows, with a day heading wherever the date changes. */
export function useMessageRows(messages: readonly ChatMessage[]): MessageRow[] {
  return useMemo(() => {
    const rows: MessageRow[] = [];
    // Messages are in time order, so a date only needs working out when one leaves the current day.
    let dayStart = Number.POSITIVE_INFINITY;
    let dayEnd = Number.NEGATIVE_INFINITY;
    for (const message of messages) {
      if (message.ts < dayStart || message.ts >= dayEnd) {
        dayStart = startOfDay(message.ts);
        dayEnd = startOfNextDay(message.ts);
        rows.push({ kind: 'day', key: `day-${dayStart}`, dayStart });
      }
      rows.push({ kind: 'message', key: message.id, message });
    }
    return rows;
  }, [messages]);
}
