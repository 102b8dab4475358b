import { useCallback, useEffect, useRef, useState } from 'react';
import { FAILED_TO_LOAD } from '../emoji/EmojiButton';
import { useEmojiPicker } from '../emoji/useEmojiPicker';
import { useMenu } from '../useMenu';
import { MenuButton, MenuItem, MenuPanel } from './Menu';
import { QUICK_REACTIONS } from './reaction-text';

interface ReactionPickerProps {
  /** Who wrote the message, for the button's label ("React to Ann's message"). */
  authorName: string;
  /** Emoji we have on this message now: picking one of them again takes it back. */
  mine: ReadonlySet<string>;
  onReact: (emoji: string, on: boolean) => void;
}

/**
 * The "React" button of a message's toolbar: a menu of the small set, and "More…", which opens
 * the emoji picker in its place. Arrow keys move in the menu; Escape closes it and returns focus.
 */
export function ReactionPicker({ authorName, mine, onReact }: ReactionPickerProps) {
  const popover = useMenu('horizontal');
  const { open, close } = popover;
  const [more, setMore] = useState(false);
  const slotRef = useRef<HTMLDivElement>(null);
  const pick = (emoji: string) => onReact(emoji, !mine.has(emoji));
  const { buttonRef } = popover;
  const closeToButton = useCallback(() => {
    close();
    buttonRef.current?.focus();
  }, [close, buttonRef]);
  const failed = useEmojiPicker(open && more, slotRef, pick, closeToButton);

  useEffect(() => {
    if (!open) setMore(false);
  }, [open]);

  return (
    <div className="message-actions__popover" ref={popover.rootRef}>
      <MenuButton
        popover={popover}
        label={`React to ${authorName}'s message`}
        testId="react-button"
      >
        React
      </MenuButton>
      {open && !more ? (
        <MenuPanel
          menu={popover}
          label="Reactions"
          className="message-actions__menu--row"
          testId="reaction-menu"
        >
          {QUICK_REACTIONS.map(({ emoji, name }) => (
            <MenuItem
              key={emoji}
              className="message-actions__emoji"
              label={mine.has(emoji) ? `Take back ${name}` : name}
              onSelect={popover.choose(() => pick(emoji))}
              testId="reaction-option"
            >
              {emoji}
            </MenuItem>
          ))}
          <MenuItem
            className="message-actions__emoji"
            onSelect={() => setMore(true)}
            testId="reaction-more"
          >
            More…
          </MenuItem>
        </MenuPanel>
      ) : null}
      {open && more ? (
        <div
          id={popover.panelId}
          role="group"
          aria-label="Emoji picker"
          className="message-actions__menu"
          data-testid="reaction-picker"
        >
          {failed ? <p role="status">{FAILED_TO_LOAD}</p> : <div ref={slotRef} />}
        </div>
      ) : null}
    </div>
  );
}
