import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ListSnapshot } from '../../../../src-shared/list-snapshot';
import { messageKey } from '../../../../src-shared/circle/moderation';
import type { ChatMessage, MessageRef } from '../../../services/types';
import type { RowActions } from '../MessageItem';
import { useOriginalLookup } from './original-lookup';

/** How long a message jumped to stays highlighted (ms). */
const HIGHLIGHT_MS = 2_500;

interface RowActionsInput {
  messages: ListSnapshot<ChatMessage>;
  authors: ReadonlyMap<string, { displayName: string }>;
  /** What a name is when nobody of that key is known. */
  unknownName: string;
  myKey: string;
  blocked: ReadonlySet<string>;
  onReply: RowActions['onReply'];
  onReact: RowActions['onReact'];
  /** Goes to the row with this key (useJumpToMessage); false when the list has no such row. */
  jump: (key: string) => boolean;
}

/**
 * What the message rows share for replies and reactions (one object while nothing changes), the
 * reader's own copy of a reply's original, and the row key (messageKey) of the message just
 * jumped to, highlighted a moment.
 */
export function useRowActions(input: RowActionsInput) {
  const { messages, authors, unknownName, myKey, blocked, onReply, onReact, jump } = input;
  const [highlight, setHighlight] = useState<string | null>(null);
  useEffect(() => {
    if (highlight === null) return;
    const timer = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);
  const onJump = useCallback(
    (ref: MessageRef) => {
      // A message's row key is messageKey(author, id) (useMessageRows): its author's, nobody else's.
      const key = messageKey(ref.author, ref.id);
      if (jump(key)) setHighlight(key);
    },
    [jump],
  );
  const originalOf = useOriginalLookup(messages, blocked);
  const nameOf = useCallback(
    (key: string) => authors.get(key)?.displayName ?? unknownName,
    [authors, unknownName],
  );
  const actions = useMemo<RowActions>(
    () => ({ myKey, blocked, nameOf, onReply, onReact, onJump }),
    [myKey, blocked, nameOf, onReply, onReact, onJump],
  );
  return { actions, originalOf, highlight };
}
