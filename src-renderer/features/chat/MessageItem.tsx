import { memo, useMemo, useState } from 'react';
import { careCheck } from '../../../src-shared/care/care-check';
import type { ChatMessage } from '../../services/types';
import { useCareCheckOn } from '../safety/care-preference';
import { CareMessageNote } from '../safety/CareMessageNote';
import { CoveredMessage } from '../safety/CoveredMessage';
import { openedWarnings, useUncoveredTopics, WARNING_LABELS } from '../safety/warning-topics';
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
  const careOn = useCareCheckOn();
  const uncovered = useUncoveredTopics();
  const [opened, setOpened] = useState(() => openedWarnings.has(message.id));
  const { warning } = message;
  // Covered: someone else's message under a warning this reader has not uncovered or opened.
  const covered = warning !== undefined && !mine && !opened && !uncovered.has(warning);
  // On this device only, for what others wrote; nothing is stored, logged or sent.
  const concern = useMemo(
    () => careOn && !mine && careCheck(message.text) === 'concern',
    [careOn, mine, message.text],
  );
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
      {covered ? (
        <CoveredMessage
          topic={warning}
          onOpen={() => {
            openedWarnings.add(message.id);
            setOpened(true);
          }}
        />
      ) : (
        <>
          {warning ? (
            <p className="message__warning-label" data-testid="message-warning">
              Content warning: {WARNING_LABELS[warning]}
            </p>
          ) : null}
          <p className="message__text" data-testid="message-text">
            {message.text}
          </p>
          {concern ? <CareMessageNote /> : null}
        </>
      )}
    </article>
  );
});
