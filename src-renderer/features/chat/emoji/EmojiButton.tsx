import { useRef } from 'react';
import { Button } from '../../../ui/Button';
import { usePopover } from '../usePopover';
import { useEmojiPicker } from './useEmojiPicker';
import './emoji.css';

export const FAILED_TO_LOAD =
  'The emoji picker could not open. You can still type emoji from your keyboard.';

/**
 * A button beside the composer that opens an emoji picker (useEmojiPicker.ts). `onPick` receives
 * the chosen emoji; Escape or a click outside closes it.
 */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const popover = usePopover();
  const slotRef = useRef<HTMLDivElement>(null);
  const failed = useEmojiPicker(popover.open, slotRef, onPick, popover.close);
  const { open } = popover;

  return (
    <div className="emoji-button" ref={popover.rootRef}>
      <Button
        ref={popover.buttonRef}
        variant="quiet"
        aria-label="Add an emoji"
        aria-expanded={open}
        aria-controls={open ? popover.panelId : undefined}
        onClick={popover.toggle}
        data-testid="emoji-button"
      >
        <span aria-hidden="true">🙂</span>
      </Button>
      {open ? (
        <div
          id={popover.panelId}
          className="emoji-button__panel"
          role="group"
          aria-label="Emoji picker"
          data-testid="emoji-panel"
        >
          {failed ? <p role="status">{FAILED_TO_LOAD}</p> : <div ref={slotRef} />}
        </div>
      ) : null}
    </div>
  );
}
