import { memo } from 'react';
import type { ChatMessage } from '../../services/types';
import { formatDateTime, formatTime } from './format';
import { MemberBadge } from './MemberName';

interface MessageItemProps {
  message: ChatMessage;
  authorName: string;
  /** The author's short badge, so two members with one name are told apart. */
  authorBadge: string;
  mine: boolean;
}

/** One message. The text is rendered as plain text; line breaks are kept by CSS. */
export const MessageItem = memo(function MessageItem({
  message,
  authorName,
  authorBadge,
  mine,
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
      </p>
      <p className="message__text" data-testid="message-text">
        {message.text}
      </p>
    </article>
  );
});
