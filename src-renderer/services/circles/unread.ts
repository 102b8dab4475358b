// Unread counts: messages from others after the read marker. Pure functions of the messages,
// the marker and the clock.
import type { ReadableList } from '../../../src-shared/list-snapshot';
import type { ChatMessage } from '../types';

/**
 * Times come from authors' clocks. A message stamped far in the future sorts last, and if the
 * read marker took its time every later message would count as read; so the marker never
 * passes now, and a message from the future counts as unread only once its time has come.
 */
export function newestUpTo(messages: ReadableList<ChatMessage>, now: number): number {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages.at(i)!.ts <= now) return messages.at(i)!.ts;
  return 0;
}

/** Messages from others after the read marker, not counting any stamped later than now. */
export function unreadCount(
  messages: ReadableList<ChatMessage>,
  read: number,
  myKey: string,
  now: number,
): number {
  let unread = 0;
  for (let i = messages.length - 1; i >= 0 && messages.at(i)!.ts > read; i--) {
    const m = messages.at(i)!;
    if (m.ts <= now && m.author !== myKey) unread++;
  }
  return unread;
}
