import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MessageRef, WarningTopic } from '../../../src-shared/records/schema';
import { useHearth } from '../../app/HearthContext';

/**
 * Draft, sending and error state of the message box. The box keeps focus after sending. A draft
 * answering `replyTo` is sent as a reply; Escape in the box stops replying (`onCancelReply`).
 */
export function useComposer(
  localId: string,
  onSent: () => void,
  replyTo?: MessageRef,
  onCancelReply?: () => void,
) {
  const app = useHearth();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<WarningTopic | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const canSend = text.trim().length > 0;

  const send = async () => {
    const message = text.trim();
    if (!message) return;
    const topic = warning ?? undefined;
    setText('');
    setWarning(null);
    setError(null);
    textareaRef.current?.focus();
    try {
      await app.sendMessage(localId, message, topic, replyTo);
      onSent();
    } catch (err) {
      const reason = err instanceof Error && err.message ? ` ${err.message}` : '';
      setError(`Your message was not sent.${reason} It is back in the box so you can try again.`);
      setText((current) => (current ? current : message));
      setWarning((current) => current ?? topic ?? null);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  /** Enter sends; Shift+Enter makes a new line; typing with an input method is left alone. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && replyTo && onCancelReply) {
      event.preventDefault();
      onCancelReply();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  return { text, setText, warning, setWarning, error, canSend, textareaRef, onSubmit, onKeyDown };
}
