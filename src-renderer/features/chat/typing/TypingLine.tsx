import { memo } from 'react';
import { typingNames, typingText } from './typing-text';
import './typing.css';

interface TypingLineProps {
  typing: ReadonlySet<string>;
  members: ReadonlyMap<string, { displayName: string }>;
  /** Members this device blocked: their typing is not shown either. */
  blocked: ReadonlySet<string>;
}

/**
 * "Ann is typing…" under the conversation. The live region is always there, and its words change
 * only when who is typing does (a renewed claim leaves them alone), so a screen reader hears
 * each change once rather than every two seconds.
 */
export const TypingLine = memo(function TypingLine({ typing, members, blocked }: TypingLineProps) {
  return (
    <p className="typing-line" role="status" data-testid="typing-line">
      {typingText(typingNames(typing, members, blocked))}
    </p>
  );
});
