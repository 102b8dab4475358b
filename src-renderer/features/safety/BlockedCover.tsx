import { useState, type ReactNode } from 'react';
import { Button } from '../../ui/Button';
import { VisuallyHidden } from '../../ui/VisuallyHidden';

interface BlockedCoverProps {
  /** The message's author is blocked on this device. */
  blocked: boolean;
  /** The message as it is shown when not blocked, or once the reader chose to see it. */
  children: ReactNode;
}

/**
 * A message from someone this device blocked, as one quiet line: no name, no text, nothing for
 * a care note to read, until the reader chooses Show. Its text is not in the page before then.
 * A block made again covers it again.
 */
export function BlockedCover({ blocked, children }: BlockedCoverProps) {
  const [shown, setShown] = useState(false);
  const [wasBlocked, setWasBlocked] = useState(blocked);
  if (blocked !== wasBlocked) {
    setWasBlocked(blocked);
    setShown(false);
  }
  if (!blocked || shown) return children;
  return (
    <p className="blocked-message" data-testid="blocked-message">
      <span>Message from someone you blocked</span>
      <Button variant="quiet" onClick={() => setShown(true)} data-testid="show-blocked">
        <span>
          Show<VisuallyHidden> the message from someone you blocked</VisuallyHidden>
        </span>
      </Button>
    </p>
  );
}
