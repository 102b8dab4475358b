import { memo, useMemo } from 'react';
import type { ChatMessage } from '../../services/types';
import { formatDateTime } from '../chat/format';
import { MemberName } from '../chat/MemberName';
import { WARNING_LABELS } from '../safety/warning-topics';
import { snippetOf } from './snippet';

interface SearchResultItemProps {
  message: ChatMessage;
  authorName: string;
  words: readonly string[];
  onJump: (message: ChatMessage) => void;
}

/** One result: who wrote it, when, and the words around the match, marked; pressing it shows the message. */
export const SearchResultItem = memo(function SearchResultItem({
  message,
  authorName,
  words,
  onJump,
}: SearchResultItemProps) {
  const parts = useMemo(() => snippetOf(message.text, words), [message.text, words]);
  return (
    <li>
      <button
        type="button"
        className="search-result"
        data-testid="search-result"
        onClick={() => onJump(message)}
      >
        <span className="search-result__meta">
          <MemberName name={authorName} memberKey={message.author} />
          <time dateTime={new Date(message.ts).toISOString()}>{formatDateTime(message.ts)}</time>
        </span>
        {message.hidden ? (
          <span className="search-result__warning">Hidden by a facilitator</span>
        ) : null}
        {message.warning ? (
          <span className="search-result__warning">
            Content warning: {WARNING_LABELS[message.warning]}
          </span>
        ) : null}
        <span className="search-result__text">
          {parts.map((part, i) =>
            part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
          )}
        </span>
      </button>
    </li>
  );
});
