import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { ChatMessage, Member } from '../../services/types';
import { Button } from '../../ui/Button';
import { DaySeparator } from './DaySeparator';
import { MessageItem } from './MessageItem';
import { useChatScroll } from './useChatScroll';
import { useMessageRows } from './useMessageRows';

interface MessageListProps {
  circleName: string;
  messages: ListSnapshot<ChatMessage>;
  members: ReadonlyMap<string, Member>;
  myKey: string;
  /** Changes when the person sends a message, to bring the newest message into view. */
  jumpRequest: number;
}

export const UNKNOWN_AUTHOR = 'Someone';

/** The conversation: a virtualized, keyboard-scrollable live log that sticks to the newest message. */
export function MessageList({ circleName, messages, members, myKey, jumpRequest }: MessageListProps) {
  const { scrollRef, virtualizer, shownRows: rows, showJump, scrollToEnd, onKeyDown } = useChatScroll(useMessageRows(messages), jumpRequest);

  return (
    <div className="message-area">
      <div ref={scrollRef} className="message-log" role="log" aria-live="polite" aria-label={`Messages in ${circleName}`} tabIndex={0} onKeyDown={onKeyDown}>
        {rows.length === 0 ? (
          <p className="message-log__empty">No messages yet. What you write here reaches everyone in the circle when they are online.</p>
        ) : (
          // The virtualizer sizes the sizer and places the rows itself (directDomUpdates).
          <div ref={virtualizer.containerRef} className="message-log__sizer">
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="message-log__row"
                >
                  {row.kind === 'day' ? (
                    <DaySeparator dayStart={row.dayStart} />
                  ) : (
                    <MessageItem
                      message={row.message}
                      authorName={members.get(row.message.author)?.displayName ?? UNKNOWN_AUTHOR}
                      mine={row.message.author === myKey}
                    />
                  )}
                </div>
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
