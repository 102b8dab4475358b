import { memo, useState } from 'react';
import type { ChatMessage } from '../../services/types';
import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { formatDateTime, formatTime } from './format';
import { MemberBadge } from './MemberName';
import { MessageContent } from './MessageContent';

interface MessageItemProps {
  message: ChatMessage;
  authorName: string;
  /** The author's short badge, so two members with one name are told apart. */
  authorBadge: string;
  mine: boolean;
  /** For facilitators: hide the message, or show it again; null for members. */
  onModerate: ((message: ChatMessage) => void) | null;
}

/** One message, with its facilitator action; a hidden one says so instead of its text. */
export const MessageItem = memo(function MessageItem({
  message,
  authorName,
  authorBadge,
  mine,
  onModerate,
}: MessageItemProps) {
  return (
    <article className={mine ? 'message message--mine' : 'message'} data-testid="message">
      <p className="message__meta">
        <span className="message__author" data-testid="message-author">
          {authorName}
        </span>
        <MemberBadge badge={authorBadge} />
        <time
          className="message__time"
          dateTime={new Date(message.ts).toISOString()}
          title={formatDateTime(message.ts)}
        >
          {formatTime(message.ts)}
        </time>
        {onModerate ? (
          <Button
            variant="quiet"
            className="message__action"
            onClick={() => onModerate(message)}
            data-testid="moderate-message"
          >
            <span>
              {message.hidden ? 'Show again' : 'Hide'}
              <VisuallyHidden> {authorName}'s message</VisuallyHidden>…
            </span>
          </Button>
        ) : null}
      </p>
      {message.hidden ? (
        <HiddenMessage message={message} mine={mine} canOpen={onModerate !== null} />
      ) : (
        <MessageContent message={message} mine={mine} />
      )}
    </article>
  );
});

/**
 * A message a facilitator hid: members see that it was; its writer and facilitators may still
 * read it, facilitators after choosing to.
 */
function HiddenMessage({
  message,
  mine,
  canOpen,
}: {
  message: ChatMessage;
  mine: boolean;
  canOpen: boolean;
}) {
  const [open, setOpen] = useState(mine);
  return (
    <>
      <p className="message__hidden" data-testid="message-hidden">
        Hidden by a facilitator.
        {canOpen && !open ? (
          <>
            {' '}
            <Button variant="quiet" onClick={() => setOpen(true)} data-testid="open-hidden">
              Read it
            </Button>
          </>
        ) : null}
      </p>
      {open ? <MessageContent message={message} mine={mine} /> : null}
    </>
  );
}
