import { memo, useId, useRef } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CareDraftNote } from '../safety/CareDraftNote';
import { WarningPicker } from '../safety/WarningPicker';
import { MAX_MESSAGE_CHARS } from '../limits';
import { useComposer } from './useComposer';

interface ComposerProps {
  localId: string;
  autoFocus?: boolean;
  onSent: () => void;
}

/** The message box: Enter sends, Shift+Enter adds a line. (Memoized: messages arriving leave it alone.) */
export const Composer = memo(function Composer({ localId, autoFocus, onSent }: ComposerProps) {
  const { text, setText, warning, setWarning, error, canSend, textareaRef, onSubmit, onKeyDown } =
    useComposer(localId, onSent);
  const pickerRef = useRef<HTMLSelectElement>(null);
  const inputId = useId();
  const hintId = useId();
  const countId = useId();
  const length = text.length;
  const nearLimit = length >= MAX_MESSAGE_CHARS - 200;

  return (
    <form className="composer" onSubmit={onSubmit}>
      <CareDraftNote
        draft={text}
        onSuggestWarning={warning === null ? () => pickerRef.current?.focus() : undefined}
      />
      <Alert message={error} />
      <label className="visually-hidden" htmlFor={inputId}>
        Message
      </label>
      <div className="composer__row">
        <textarea
          ref={textareaRef}
          id={inputId}
          className="composer__input field__control"
          rows={2}
          maxLength={MAX_MESSAGE_CHARS}
          placeholder="Write a message"
          autoFocus={autoFocus}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${hintId} ${countId}`}
          data-testid="composer"
        />
        <Button type="submit" variant="primary" disabled={!canSend} data-testid="send">
          Send
        </Button>
      </div>
      <div className="composer__footer">
        <span id={hintId}>Enter sends. Shift+Enter starts a new line.</span>
        <WarningPicker ref={pickerRef} value={warning} onChange={setWarning} />
        <span
          id={countId}
          className={nearLimit ? 'composer__count composer__count--near' : 'composer__count'}
        >
          <span aria-hidden="true">
            {length} / {MAX_MESSAGE_CHARS}
          </span>
          <span className="visually-hidden">
            {length} of {MAX_MESSAGE_CHARS} characters used
          </span>
        </span>
      </div>
      {length >= MAX_MESSAGE_CHARS ? (
        <p className="composer__limit" role="status">
          That is the longest a message can be ({MAX_MESSAGE_CHARS} characters). You can send it and
          continue in another message.
        </p>
      ) : null}
    </form>
  );
});
