import { useCallback, useState } from 'react';
import { useHearth } from '../../../app/HearthContext';
import type { ChatMessage, MessageRef } from '../../../services/types';

/**
 * The message being answered in the composer, and reacting, with a calm word if it fails. Only the
 * answered message's author and id are held: its text is looked up in the timeline as it is now,
 * so an edit shows and a delete leaves none of it here.
 */
export function useReplyAndReact(localId: string) {
  const app = useHearth();
  const [replyTo, setReplyTo] = useState<MessageRef | null>(null);
  const startReply = useCallback(
    (message: ChatMessage) => setReplyTo({ author: message.author, id: message.id }),
    [],
  );
  const [reactError, setReactError] = useState<string | null>(null);
  const cancelReply = useCallback(() => setReplyTo(null), []);
  const react = useCallback(
    (message: ChatMessage, emoji: string, on: boolean) => {
      setReactError(null);
      app
        .react(localId, { author: message.author, id: message.id }, emoji, on)
        .catch((err: unknown) => {
          const reason = err instanceof Error && err.message ? ` ${err.message}` : '';
          setReactError(`Your reaction was not sent.${reason}`);
        });
    },
    [app, localId],
  );
  return { replyTo, startReply, cancelReply, react, reactError };
}
