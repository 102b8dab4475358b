import { memo, useEffect, useRef, useState } from 'react';
import type { Delivery } from '../../services/circles/relay-watch';
import type { ChatMessage, MessageRef, Reaction } from '../../services/types';
import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { formatDateTime, formatTime } from './format';
import { MemberAvatar } from './MemberAvatar';
import { MemberBadge } from './MemberName';
import { MessageContent } from './MessageContent';
import { MessageActions, type MessageActionItem } from './actions/MessageActions';
import './actions/actions.css';
import { ReactionChips } from './actions/ReactionChips';
import { ReplyQuote } from './actions/ReplyQuote';
import { OwnMessage } from './OwnMessage';
import { useForgetDeletedText } from './useForgetDeletedText';

/** What every message row shares for replies and reactions (one object, kept while nothing changes). */
export interface RowActions {
  myKey: string;
  /** Members this reader blocked: their reactions are not counted. */
  blocked: ReadonlySet<string>;
  nameOf: (key: string) => string;
  /** Null when we cannot write here (no longer in the circle). */
  onReply: ((message: ChatMessage) => void) | null;
  onReact: ((message: ChatMessage, emoji: string, on: boolean) => void) | null;
  /** Shows a message (a reply's original, by author and id) in the list, briefly highlighted. */
  onJump: (ref: MessageRef) => void;
}

const NO_EMOJI: ReadonlySet<string> = new Set();

interface MessageItemProps {
  message: ChatMessage;
  authorName: string;
  /** The author's short badge, so two members with one name are told apart. */
  authorBadge: string;
  mine: boolean;
  /** The first of its author's messages in a row: shows the author's avatar. */
  startsRun?: boolean;
  /** By someone this device blocked, shown because the reader chose to: no care note on it. */
  fromBlocked?: boolean;
  /** For facilitators: hide the message, or show it again; null for members. */
  onModerate: ((message: ChatMessage) => void) | null;
  /** Report someone else's message to the facilitators; null when we cannot (no longer in the circle). */
  onReport: ((message: ChatMessage) => void) | null;
  /** For our own messages of this session: whether it reached a relay yet. */
  delivery?: Delivery;
  actions: RowActions;
  reactions?: readonly Reaction[];
  /** For a reply: its original as this reader has it (null: not available); undefined otherwise. */
  original?: ChatMessage | null;
  /** Just jumped to: highlighted for a moment, and given the focus. */
  highlighted?: boolean;
  /** Extra entries for the toolbar's "More…" menu. */
  actionItems?: readonly MessageActionItem[];
  /** The message a search result led to: marked, and focusable so it can take focus. */
  found?: boolean;
}

/** One message, with its facilitator action; a hidden one says so instead of its text. */
export const MessageItem = memo(function MessageItem({
  message,
  authorName,
  authorBadge,
  mine,
  startsRun = false,
  fromBlocked = false,
  onModerate,
  onReport,
  delivery,
  actions,
  reactions,
  original,
  highlighted = false,
  actionItems,
  found = false,
}: MessageItemProps) {
  useForgetDeletedText(message);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.focus({ preventScroll: true });
  }, [highlighted]);
  const myReactions = mineOf(reactions, actions.myKey);
  const { onReply, onReact } = actions;
  const classes = [
    'message',
    mine && 'message--mine',
    highlighted && 'message--highlight',
    found && 'message--found',
  ];
  const actionsBar = (
    <MessageActions
      message={message}
      authorName={authorName}
      myReactions={myReactions}
      onReply={onReply}
      onReact={onReact}
      items={actionItems}
    />
  );
  return (
    <article
      ref={ref}
      className={classes.filter(Boolean).join(' ')}
      tabIndex={highlighted || found ? -1 : undefined}
      aria-label={highlighted ? `${authorName}'s message, the one replied to` : undefined}
      data-testid="message"
      data-message-id={message.id}
      data-message-author={message.author}
      data-found={found || undefined}
    >
      <p className="message__meta">
        {startsRun ? <MemberAvatar memberKey={message.author} /> : null}
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
        {message.edited ? <span className="message__edited">edited</span> : null}
        {delivery ? (
          <span className="message__delivery" data-testid="message-delivery" data-state={delivery}>
            {delivery === 'delivered' ? 'Delivered' : 'Sent'}
          </span>
        ) : null}
        {onReport && !mine && !message.deleted ? (
          <Button
            variant="quiet"
            className="message__action"
            onClick={() => onReport(message)}
            data-testid="report-message"
          >
            <span>
              Report<VisuallyHidden> {authorName}'s message</VisuallyHidden>…
            </span>
          </Button>
        ) : null}
        {onModerate && !message.deleted ? (
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
      {original !== undefined && !message.deleted ? (
        <ReplyQuote
          original={original}
          authorName={original ? actions.nameOf(original.author) : ''}
          onJump={actions.onJump}
        />
      ) : null}
      {message.deleted ? (
        <p className="message__deleted" data-testid="message-deleted">
          Message deleted
        </p>
      ) : mine ? (
        <OwnMessage message={message}>
          {message.hidden ? (
            <HiddenMessage message={message} mine canOpen={onModerate !== null} />
          ) : (
            <>
              <MessageContent message={message} mine />
              {actionsBar}
            </>
          )}
        </OwnMessage>
      ) : message.hidden ? (
        <HiddenMessage message={message} mine={mine} canOpen={onModerate !== null} />
      ) : (
        <>
          <MessageContent message={message} mine={mine} careNote={!fromBlocked} />
          {actionsBar}
        </>
      )}
      {message.deleted ? null : (
        <ReactionChips
          reactions={reactions}
          myKey={actions.myKey}
          blocked={actions.blocked}
          nameOf={actions.nameOf}
          onToggle={onReact && ((emoji, on) => onReact(message, emoji, on))}
        />
      )}
    </article>
  );
});

/** The emoji we have on this message. */
function mineOf(reactions: readonly Reaction[] | undefined, myKey: string): ReadonlySet<string> {
  if (!reactions) return NO_EMOJI;
  return new Set(reactions.filter((r) => r.authors.includes(myKey)).map((r) => r.emoji));
}

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
