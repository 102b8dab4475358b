import { memo, type ReactNode } from 'react';
import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { ChatMessage } from '../../services/types';
import { Button } from '../../ui/Button';
import { badgeFor } from './badge';
import { DaySeparator } from './DaySeparator';
import { MessageItem } from './MessageItem';
import { useChatScroll } from './useChatScroll';
import { useMessageRows } from './useMessageRows';

interface MessageListProps {
  circleName: string;
  messages: ListSnapshot<ChatMessage>;
  /** Everyone who ever was a member, by key: authors keep their names after they leave. */
  authors: ReadonlyMap<string, { displayName: string }>;
  myKey: string;
  /** Changes when the person sends a message, to bring the newest message into view. */
  jumpRequest: number;
  /** For facilitators: opens hiding (or showing again) for a message; null for members. */
  onModerate: ((message: ChatMessage) => void) | null;
}

export const UNKNOWN_AUTHOR = 'Someone';

/** The conversation: a virtualized, keyboard-scrollable live log that sticks to the newest message. */
export function MessageList({
  circleName,
  messages,
  authors,
  myKey,
  jumpRequest,
  onModerate,
}: MessageListProps) {
  const {
    scrollRef,
    virtualizer,
    shownRows: rows,
    showJump,
    scrollToEnd,
    onKeyDown,
  } = useChatScroll(useMessageRows(messages), jumpRequest);

  return (
    <div className="message-area">
      <div
        ref={scrollRef}
        className="message-log"
        role="log"
        aria-live="polite"
        aria-label={`Messages in ${circleName}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 ? (
          <p className="message-log__empty">
            No messages yet. What you write here reaches everyone in the circle when they are
            online.
          </p>
        ) : (
          // The virtualizer sizes the sizer and places the rows itself (directDomUpdates).
          <div ref={virtualizer.containerRef} className="message-log__sizer">
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows.at(item.index);
              if (!row) return null;
              return row.kind === 'day' ? (
                <DayRowView
                  key={item.key}
                  index={item.index}
                  measure={virtualizer.measureElement}
                  dayStart={row.dayStart}
                />
              ) : (
                <MessageRowView
                  key={item.key}
                  index={item.index}
                  measure={virtualizer.measureElement}
                  message={row.message}
                  authorName={authors.get(row.message.author)?.displayName ?? UNKNOWN_AUTHOR}
                  authorBadge={badgeFor(row.message.author)}
                  mine={row.message.author === myKey}
                  onModerate={onModerate}
                />
              );
            })}
          </div>
        )}
      </div>
      {showJump ? (
        <Button className="message-area__jump" onClick={scrollToEnd}>
          Jump to newest messages
        </Button>
      ) : null}
    </div>
  );
}

interface ListRowProps {
  index: number;
  /** The virtualizer's measureElement: a stable function. */
  measure: (element: HTMLDivElement | null) => void;
  children: ReactNode;
}

/** A positioned, measured row of the list (the virtualizer writes its position). */
function ListRow({ index, measure, children }: ListRowProps) {
  return (
    <div ref={measure} data-index={index} className="message-log__row">
      {children}
    </div>
  );
}

/** A day heading's row, memoised whole like a message's. */
const DayRowView = memo(function DayRowView({
  index,
  measure,
  dayStart,
}: Omit<ListRowProps, 'children'> & { dayStart: number }) {
  return (
    <ListRow index={index} measure={measure}>
      <DaySeparator dayStart={dayStart} />
    </ListRow>
  );
});

/**
 * A message's row, memoised whole: when a message arrives, the rows already on screen are
 * skipped outright. Unmemoised, each of their row elements got new props on every render, so
 * React reconciled them and compared their props again in every commit.
 */
const MessageRowView = memo(function MessageRowView({
  index,
  measure,
  message,
  authorName,
  authorBadge,
  mine,
  onModerate,
}: Omit<ListRowProps, 'children'> & {
  message: ChatMessage;
  authorName: string;
  authorBadge: string;
  mine: boolean;
  onModerate: ((message: ChatMessage) => void) | null;
}) {
  return (
    <ListRow index={index} measure={measure}>
      <MessageItem
        message={message}
        authorName={authorName}
        authorBadge={authorBadge}
        mine={mine}
        onModerate={onModerate}
      />
    </ListRow>
  );
});
