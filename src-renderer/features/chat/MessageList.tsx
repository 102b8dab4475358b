import { memo, type ReactNode } from 'react';
import type { MembershipEvent } from '../../../src-shared/circle/membership-events';
import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { Delivery, DeliveryStates } from '../../services/circles/relay-watch';
import type { ChatMessage, Reaction } from '../../services/types';
import { Button } from '../../ui/Button';
import { BlockedCover } from '../safety/BlockedCover';
import { badgeFor } from './badge';
import { DaySeparator } from './DaySeparator';
import { useJumpToMessage } from './actions/useJumpToMessage';
import { useRowActions } from './actions/useRowActions';
import { MessageItem, type RowActions } from './MessageItem';
import { MemberLine, NewMessagesDivider } from './TimelineLines';
import { useChatScroll } from './useChatScroll';
import type { FirstUnread } from './useFirstUnread';
import { useMessageRows, type MessageRow } from './useMessageRows';
import { useUnreadJump } from './useUnreadJump';
import type { RevealRequest } from './useRevealRow';

interface MessageListProps {
  circleName: string;
  messages: ListSnapshot<ChatMessage>;
  /** Joins, departures and promotions, shown as lines at their place in time. */
  membershipEvents: readonly MembershipEvent[];
  /** Where the unread messages began when the circle opened: a divider goes there. */
  firstUnread: FirstUnread | null;
  /** Everyone who ever was a member, by key: authors keep their names after they leave. */
  authors: ReadonlyMap<string, { displayName: string }>;
  myKey: string;
  /** Authors this device blocked: their messages are covered (BlockedCover). */
  blocked: ReadonlySet<string>;
  /** Changes when the person sends a message, to bring the newest message into view. */
  jumpRequest: number;
  /** For facilitators: opens hiding (or showing again) for a message; null for members. */
  onModerate: ((message: ChatMessage) => void) | null;
  /** Opens a report about someone else's message; null when we are no longer in the circle. */
  onReport: ((message: ChatMessage) => void) | null;
  /** Our messages of this session: reached a relay ("delivered") or not yet ("sent"). */
  delivery: DeliveryStates;
  /** Reactions by message id. */
  reactions: ReadonlyMap<string, readonly Reaction[]>;
  /** Starts a reply in the composer; null when we cannot write here. */
  onReply: ((message: ChatMessage) => void) | null;
  /** Puts our reaction on a message or takes it back; null when we cannot write here. */
  onReact: ((message: ChatMessage, emoji: string, on: boolean) => void) | null;
  /** A message to bring into view, focus and mark (a search result); null for none. */
  reveal?: RevealRequest | null;
}

export const UNKNOWN_AUTHOR = 'Someone';

/** Whether a message by `author` after `previous` (a row, or nothing) begins a run of theirs. */
const startsRun = (previous: MessageRow | undefined, author: string) =>
  previous?.kind !== 'message' || previous.message.author !== author;

/** The conversation: a virtualized, keyboard-scrollable live log that sticks to the newest message. */
export function MessageList({
  circleName,
  messages,
  membershipEvents,
  firstUnread,
  authors,
  myKey,
  blocked,
  jumpRequest,
  onModerate,
  onReport,
  delivery,
  reactions,
  onReply,
  onReact,
  reveal = null,
}: MessageListProps) {
  const scroll = useChatScroll(useMessageRows(messages, membershipEvents), jumpRequest, reveal);
  const { scrollRef, virtualizer, shownRows: rows, showJump, scrollToEnd, onKeyDown } = scroll;
  const toUnread = useUnreadJump(scroll, firstUnread?.key ?? null);
  const { actions, originalOf, highlight } = useRowActions({
    messages,
    authors,
    unknownName: UNKNOWN_AUTHOR,
    myKey,
    blocked,
    onReply,
    onReact,
    jump: useJumpToMessage(scroll),
  });

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
              if (row.kind === 'member')
                return (
                  <MemberRowView
                    key={item.key}
                    index={item.index}
                    measure={virtualizer.measureElement}
                    event={row.event}
                    name={authors.get(row.event.member)?.displayName ?? UNKNOWN_AUTHOR}
                  />
                );
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
                  startsRun={startsRun(rows.at(item.index - 1), row.message.author)}
                  blocked={blocked.has(row.message.author)}
                  onModerate={onModerate}
                  onReport={onReport}
                  delivery={row.message.author === myKey ? delivery.get(row.message.id) : undefined}
                  actions={actions}
                  reactions={reactions.get(row.key)}
                  original={row.message.replyTo ? originalOf(row.message.replyTo) : undefined}
                  highlighted={highlight === row.key}
                  firstUnread={row.key === firstUnread?.key}
                  found={row.message.id === reveal?.id && row.message.author === reveal.author}
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
      {toUnread.show && firstUnread ? (
        <Button
          className="message-area__jump message-area__jump--unread"
          onClick={toUnread.jump}
          data-testid="jump-to-unread"
        >
          Jump to first unread ({firstUnread.count})
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

/** A join, departure or promotion's row, memoised whole like a message's. */
const MemberRowView = memo(function MemberRowView({
  index,
  measure,
  event,
  name,
}: Omit<ListRowProps, 'children'> & { event: MembershipEvent; name: string }) {
  return (
    <ListRow index={index} measure={measure}>
      <MemberLine event={event} name={name} />
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
  startsRun,
  blocked,
  onModerate,
  onReport,
  delivery,
  actions,
  reactions,
  original,
  highlighted,
  firstUnread,
  found,
}: Omit<ListRowProps, 'children'> & {
  message: ChatMessage;
  authorName: string;
  authorBadge: string;
  mine: boolean;
  startsRun: boolean;
  blocked: boolean;
  onModerate: ((message: ChatMessage) => void) | null;
  onReport: ((message: ChatMessage) => void) | null;
  delivery: Delivery | undefined;
  actions: RowActions;
  reactions: readonly Reaction[] | undefined;
  original: ChatMessage | null | undefined;
  highlighted: boolean;
  /** The oldest message that was unread when the circle opened: the divider goes above it. */
  firstUnread: boolean;
  found: boolean;
}) {
  return (
    <ListRow index={index} measure={measure}>
      {firstUnread ? <NewMessagesDivider /> : null}
      <BlockedCover blocked={blocked}>
        <MessageItem
          message={message}
          authorName={authorName}
          authorBadge={authorBadge}
          mine={mine}
          startsRun={startsRun}
          fromBlocked={blocked}
          onModerate={onModerate}
          onReport={onReport}
          delivery={delivery}
          actions={actions}
          reactions={reactions}
          original={original}
          highlighted={highlighted}
          found={found}
        />
      </BlockedCover>
    </ListRow>
  );
});
