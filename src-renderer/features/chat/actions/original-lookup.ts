import { useMemo, useState } from 'react';
import { messageKey } from '../../../../src-shared/circle/moderation';
import type { ListSnapshot, ReadableList } from '../../../../src-shared/list-snapshot';
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
    if (m.id === ref.id && m.author === ref.author) return shownOriginal(m, blocked);
  }
  return null;
}

/** The message itself, unless it is hidden, deleted or by someone the reader blocked. */
const shownOriginal = (m: ChatMessage, blocked: ReadonlySet<string>): ChatMessage | null =>
  m.hidden || m.deleted || blocked.has(m.author) ? null : m;

/**
 * findOriginal for one list of messages after another, carrying what it found over while the list
 * only grew at its end (ListSnapshot.extends): only the new messages are looked at. Searched
 * afresh for every list, a reply on screen to a message far back scanned the whole history
 * again for each message that arrived, twice (the list renders twice per message).
 */
export class OriginalLookups {
  private messages: ListSnapshot<ChatMessage> | null = null;
  private blocked: ReadonlySet<string> | null = null;
  private found = new Map<string, ChatMessage | null>();

  /** The lookup for `messages` as a reader who blocked `blocked` has them. */
  for(
    messages: ListSnapshot<ChatMessage>,
    blocked: ReadonlySet<string>,
  ): (ref: MessageRef) => ChatMessage | null {
    const before = this.messages;
    const found =
      before !== null && blocked === this.blocked && messages.extends(before)
        ? carried(this.found, messages, before.length, blocked)
        : new Map<string, ChatMessage | null>();
    this.messages = messages;
    this.blocked = blocked;
    this.found = found;
    return (ref) => {
      const key = messageKey(ref.author, ref.id);
      let original = found.get(key);
      if (original === undefined) found.set(key, (original = findOriginal(messages, ref, blocked)));
      return original;
    };
  }
}

/**
 * What was found, for a list that is the old one plus messages from `from` on: a copy (lookups
 * handed out for the old list keep their answers), where a newer message under a key looked up
 * before takes its place, as findOriginal (newest first) would have it.
 */
function carried(
  found: ReadonlyMap<string, ChatMessage | null>,
  messages: ListSnapshot<ChatMessage>,
  from: number,
  blocked: ReadonlySet<string>,
): Map<string, ChatMessage | null> {
  const next = new Map(found);
  for (let i = from; i < messages.length; i++) {
    const m = messages.at(i)!;
    const key = messageKey(m.author, m.id);
    if (next.has(key)) next.set(key, shownOriginal(m, blocked));
  }
  return next;
}

/** findOriginal, remembered while the messages only grow and the blocked set stays the same. */
export function useOriginalLookup(
  messages: ListSnapshot<ChatMessage>,
  blocked: ReadonlySet<string>,
): (ref: MessageRef) => ChatMessage | null {
  const [lookups] = useState(() => new OriginalLookups());
  return useMemo(() => lookups.for(messages, blocked), [lookups, messages, blocked]);
}
