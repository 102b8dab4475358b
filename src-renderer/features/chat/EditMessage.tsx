import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { WarningTopic } from '../../../src-shared/records/schema';
import { useHearth } from '../../app/HearthContext';
import type { ChatMessage } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { WarningPicker } from '../safety/WarningPicker';
import { MAX_MESSAGE_CHARS } from '../limits';

interface EditMessageProps {
  localId: string;
  message: ChatMessage;
  /** The edit was saved or cancelled: the message shows again. */
  onDone: () => void;
}

/**
 * Changes one of our own messages in place, like the composer: Enter saves, Shift+Enter starts a
 * new line, Escape cancels; the same limit and content-warning choice.
 */
export function EditMessage({ localId, message, onDone }: EditMessageProps) {
  const app = useHearth();
  const [text, setText] = useState(message.text);
  const [warning, setWarning] = useState<WarningTopic | null>(message.warning ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const canSave = text.trim().length > 0 && !busy;

  const save = async () => {
    if (!canSave) return;
    if (text.trim() === message.text && (warning ?? undefined) === message.warning) {
      onDone();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await app.editMessage(localId, message.id, text.trim(), warning ?? undefined);
      onDone();
    } catch (err) {
      const reason = err instanceof Error && err.message ? ` ${err.message}` : '';
      setError(`Your change was not saved.${reason}`);
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void save();
  };

  return (
    <form className="message-editor" onSubmit={onSubmit} data-testid="message-editor">
      <Alert message={error} />
      <label className="visually-hidden" htmlFor={inputId}>
        Edit your message
      </label>
      <textarea
        id={inputId}
        className="message-editor__input field__control"
        rows={2}
        maxLength={MAX_MESSAGE_CHARS}
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={hintId}
        data-testid="edit-input"
      />
      <div className="message-editor__footer">
        <span id={hintId}>Enter saves. Escape cancels. Shift+Enter starts a new line.</span>
        <WarningPicker value={warning} onChange={setWarning} />
        <Button type="submit" variant="primary" disabled={!canSave} data-testid="edit-save">
          Save
        </Button>
        <Button onClick={onDone} data-testid="edit-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
