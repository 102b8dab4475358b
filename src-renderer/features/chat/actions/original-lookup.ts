import { useMemo } from 'react';
import { messageKey } from '../../../../src-shared/circle/moderation';
import type { ReadableList } from '../../../../src-shared/list-snapshot';
import type { ChatMessage, MessageRef } from '../../../services/types';

/**
 * The message a reply answers, as this reader's own timeline has it: null when it is not there
 * (never arrived, void, deleted), hidden by a facilitator, or by someone this reader blocked.
 * Matched by author and id: another author's message under the same id is never it.
 * Searched from the newest message back: replies mostly answer something recent.
 */
export function findOriginal(
  messages: ReadableList<ChatMessage>,
  ref: MessageRef,
  blocked: ReadonlySet<string>,
): ChatMessage | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages.at(i)!;
    if (m.id !== ref.id || m.author !== ref.author) continue;
    return m.hidden || m.deleted || blocked.has(m.author) ? null : m;
  }
  return null;
}

/** findOriginal, remembered for as long as the messages and the blocked set stay the same. */
export function useOriginalLookup(
  messages: ReadableList<ChatMessage>,
  blocked: ReadonlySet<string>,
): (ref: MessageRef) => ChatMessage | null {
  return useMemo(() => {
    const cache = new Map<string, ChatMessage | null>();
    return (ref: MessageRef) => {
      const key = messageKey(ref.author, ref.id);
      let found = cache.get(key);
      if (found === undefined) cache.set(key, (found = findOriginal(messages, ref, blocked)));
      return found;
    };
  }, [messages, blocked]);
}
