import { memo, useEffect, useId, useLayoutEffect, useRef } from 'react';
import type { MessageRef } from '../../services/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CareDraftNote } from '../safety/CareDraftNote';
import { WarningPicker } from '../safety/WarningPicker';
import { MAX_MESSAGE_CHARS } from '../limits';
import { EmojiButton } from './emoji/EmojiButton';
import { insertAtCursor } from './emoji/insert-at-cursor';
import { useComposer } from './useComposer';
import { useTypingSignal } from './typing/useTypingSignal';

interface ComposerProps {
  localId: string;
  autoFocus?: boolean;
  onSent: () => void;
  /** The message being answered, or null. */
  replyTo: MessageRef | null;
  replyAuthor: string;
  /** What the reply line says of it (replyLine). */
  replyQuote: string;
  onCancelReply: () => void;
}

/** The message box: Enter sends, Shift+Enter adds a line. (Memoized: messages arriving leave it alone.) */
export const Composer = memo(function Composer({
  localId,
  autoFocus,
  onSent,
  replyTo,
  replyAuthor,
  replyQuote,
  onCancelReply,
}: ComposerProps) {
  const { text, setText, warning, setWarning, error, canSend, textareaRef, onSubmit, onKeyDown } =
    useComposer(localId, onSent, replyTo ?? undefined, onCancelReply);
  const stoppedTyping = useTypingSignal(localId, text);
  // Choosing Reply puts the cursor in the box, ready to write the answer.
  useEffect(() => {
    if (replyTo) textareaRef.current?.focus();
  }, [replyTo, textareaRef]);
  const cancelReply = () => {
    onCancelReply();
    textareaRef.current?.focus();
  };
  const pickerRef = useRef<HTMLSelectElement>(null);
  const inputId = useId();
  const hintId = useId();
  const countId = useId();
  const length = text.length;
  const nearLimit = length >= MAX_MESSAGE_CHARS - 200;

  // Where the cursor goes once the text with the new emoji is on screen (set after the render, as
  // a controlled box's new value would otherwise leave the cursor at the end).
  const pendingCursor = useRef<number | null>(null);
  useLayoutEffect(() => {
    const box = textareaRef.current;
    if (pendingCursor.current === null || !box) return;
    box.focus();
    box.setSelectionRange(pendingCursor.current, pendingCursor.current);
    pendingCursor.current = null;
  }, [text, textareaRef]);

  /** Puts the emoji where the cursor was (or over the selection) and gives the box its focus back. */
  const insertEmoji = (emoji: string) => {
    const box = textareaRef.current;
    const next = insertAtCursor(
      text,
      emoji,
      box?.selectionStart ?? text.length,
      box?.selectionEnd ?? text.length,
      MAX_MESSAGE_CHARS,
    );
    pendingCursor.current = next.cursor;
    setText(next.text);
    // Same text (the limit was reached): no render follows, so give the focus back now.
    if (next.text === text) box?.focus();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <CareDraftNote
        draft={text}
        onSuggestWarning={warning === null ? () => pickerRef.current?.focus() : undefined}
      />
      <Alert message={error} />
      {replyTo ? (
        <div className="composer__reply" data-testid="composer-reply">
          <span className="composer__reply-text">
            Replying to {replyAuthor}: {replyQuote}
          </span>
          <Button
            variant="quiet"
            aria-label={`Cancel the reply to ${replyAuthor}`}
            onClick={cancelReply}
            data-testid="cancel-reply"
          >
            Cancel
          </Button>
        </div>
      ) : null}
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
          onBlur={stoppedTyping}
          aria-describedby={`${hintId} ${countId}`}
          data-testid="composer"
        />
        <EmojiButton onPick={insertEmoji} />
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
