import type { ChatMessage, MessageRef } from '../../../services/types';
import { quoteLine } from './reaction-text';

interface ReplyQuoteProps {
  /** The original, from this reader's own timeline; null when it is not there for them. */
  original: ChatMessage | null;
  authorName: string;
  onJump: (ref: MessageRef) => void;
}

export const ORIGINAL_UNAVAILABLE = 'The original message is not available';

/**
 * The quote above a reply. Its words come from the reader's own timeline, never from the reply,
 * so a reply cannot put words in someone's mouth. Activating it shows the original.
 */
export function ReplyQuote({ original, authorName, onJump }: ReplyQuoteProps) {
  if (!original)
    return (
      <p className="reply-quote reply-quote--gone" data-testid="reply-quote">
        {ORIGINAL_UNAVAILABLE}
      </p>
    );
  return (
    <button
      type="button"
      className="reply-quote"
      aria-label={`In reply to ${authorName}: ${quoteLine(original)}. Show the original message`}
      onClick={() => onJump({ author: original.author, id: original.id })}
      data-testid="reply-quote"
    >
      <span className="reply-quote__author">{authorName}</span>{' '}
      <span className="reply-quote__text">{quoteLine(original)}</span>
    </button>
  );
}
