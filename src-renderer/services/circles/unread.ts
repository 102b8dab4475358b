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

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Messages from others after the read marker, not counting any stamped later than now, nor any
 * by a member this device blocked (so a block does not pull the person back to read them), nor
 * any its author deleted.
 */
export function unreadCount(
  messages: ReadableList<ChatMessage>,
  read: number,
  myKey: string,
  now: number,
  blocked: ReadonlySet<string> = NOBODY,
): number {
  let unread = 0;
  for (let i = messages.length - 1; i >= 0 && messages.at(i)!.ts > read; i--) {
    const m = messages.at(i)!;
    // A deleted message has nothing left to read.
    if (m.ts <= now && m.author !== myKey && !blocked.has(m.author) && !m.deleted) unread++;
  }
  return unread;
}

/**
 * The oldest of the newest `count` messages that count as unread (by the rule of unreadCount),
 * leaving out any older than `since` (for a newcomer, the history from before they joined is not
 * news): its index and how many unread messages start there. Null when none does. This is where
 * a "New messages" divider goes when a circle opens with `count` unread.
 */
export function firstUnread(
  messages: ReadableList<ChatMessage>,
  count: number,
  myKey: string,
  now: number,
  blocked: ReadonlySet<string> = NOBODY,
  since = Number.NEGATIVE_INFINITY,
): { index: number; count: number } | null {
  let index = -1;
  let seen = 0;
  for (let i = messages.length - 1; i >= 0 && seen < count; i--) {
    const m = messages.at(i)!;
    if (m.ts < since) break;
    if (m.ts <= now && m.author !== myKey && !blocked.has(m.author)) {
      index = i;
      seen++;
    }
  }
  return seen > 0 ? { index, count: seen } : null;
}
