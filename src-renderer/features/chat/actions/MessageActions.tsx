import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ChatMessage } from '../../../services/types';
import { Button } from '../../../ui/Button';
import { formatTime } from '../format';
import { useMenu } from '../useMenu';
import { MenuButton, MenuItem, MenuPanel } from './Menu';
import { ReactionPicker } from './ReactionPicker';

/** An extra entry of the "More…" menu (editing and deleting one's own message live elsewhere). */
export interface MessageActionItem {
  label: string;
  onSelect: () => void;
  testId?: string;
}

interface MessageActionsProps {
  message: ChatMessage;
  authorName: string;
  /** Emoji we have on this message now. */
  myReactions: ReadonlySet<string>;
  /** Null when we cannot write here (no longer in the circle, or paused). */
  onReply: ((message: ChatMessage) => void) | null;
  onReact: ((message: ChatMessage, emoji: string, on: boolean) => void) | null;
  /** Entries of the "More…" menu; it is left out when there are none. */
  items?: readonly MessageActionItem[];
}

/** How long "Copied" stays before the button reads "Copy" again (ms). */
const COPIED_MS = 2_500;

/**
 * A message's toolbar (Reply, React, Copy, More…), shown on hover and on focus. Left and Right
 * move between its buttons; menus inside it take the arrow keys themselves.
 */
export function MessageActions({
  message,
  authorName,
  myReactions,
  onReply,
  onReact,
  items = [],
}: MessageActionsProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  // The plain text the author wrote, never the rendered HTML (links, markup) around it.
  const copy = () =>
    navigator.clipboard.writeText(message.text).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );

  return (
    <div
      role="toolbar"
      aria-label={`Actions for ${authorName}'s message at ${formatTime(message.ts)}`}
      className="message-actions"
      onKeyDown={onToolbarKeyDown}
      data-testid="message-actions"
    >
      {onReply ? (
        <Button
          variant="quiet"
          className="message-actions__button"
          aria-label={`Reply to ${authorName}'s message`}
          onClick={() => onReply(message)}
          data-testid="reply-button"
        >
          Reply
        </Button>
      ) : null}
      {onReact ? (
        <ReactionPicker
          authorName={authorName}
          mine={myReactions}
          onReact={(emoji, on) => onReact(message, emoji, on)}
        />
      ) : null}
      <Button
        variant="quiet"
        className="message-actions__button"
        aria-label={`Copy the text of ${authorName}'s message`}
        onClick={() => void copy()}
        data-testid="copy-button"
      >
        Copy
      </Button>
      <span role="status" className="message-actions__status" data-testid="copy-status">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Could not copy the text' : ''}
      </span>
      {items.length > 0 ? <MoreMenu authorName={authorName} items={items} /> : null}
    </div>
  );
}

function MoreMenu({
  authorName,
  items,
}: {
  authorName: string;
  items: readonly MessageActionItem[];
}) {
  const popover = useMenu();
  const { open } = popover;
  return (
    <div className="message-actions__popover" ref={popover.rootRef}>
      <MenuButton
        popover={popover}
        label={`More actions for ${authorName}'s message`}
        testId="more-actions"
      >
        More…
      </MenuButton>
      {open ? (
        <MenuPanel menu={popover} label="More actions">
          {items.map((item) => (
            <MenuItem
              key={item.label}
              className="message-actions__item"
              onSelect={popover.choose(item.onSelect)}
              testId={item.testId}
            >
              {item.label}
            </MenuItem>
          ))}
        </MenuPanel>
      ) : null}
    </div>
  );
}

/** Left and Right (and Home, End) between the toolbar's own buttons. */
function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.defaultPrevented) return;
  const buttons = [
    ...event.currentTarget.querySelectorAll<HTMLElement>('.message-actions__button'),
  ];
  const at = buttons.indexOf(event.target as HTMLElement);
  if (at < 0) return;
  const to =
    event.key === 'ArrowRight'
      ? (at + 1) % buttons.length
      : event.key === 'ArrowLeft'
        ? (at - 1 + buttons.length) % buttons.length
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? buttons.length - 1
            : -1;
  if (to < 0) return;
  event.preventDefault();
  buttons[to]!.focus();
}
