import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useHearth } from '../../app/HearthContext';

/** Draft, sending and error state of the message box. The box keeps focus after sending. */
export function useComposer(localId: string, onSent: () => void) {
  const app = useHearth();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const canSend = text.trim().length > 0;

  const send = async () => {
    const message = text.trim();
    if (!message) return;
    setText('');
    setError(null);
    textareaRef.current?.focus();
    try {
      await app.sendMessage(localId, message);
      onSent();
    } catch (err) {
      const reason = err instanceof Error && err.message ? ` ${err.message}` : '';
      setError(`Your message was not sent.${reason} It is back in the box so you can try again.`);
      setText((current) => (current ? current : message));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  /** Enter sends; Shift+Enter makes a new line; typing with an input method is left alone. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  return { text, setText, error, canSend, textareaRef, onSubmit, onKeyDown };
}
