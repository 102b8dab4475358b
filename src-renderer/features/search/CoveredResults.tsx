import { useEffect, useState } from 'react';
import type { ChatMessage } from '../../services/types';
import { Button } from '../../ui/Button';
import { SearchResultItem } from './SearchResultItem';

interface CoveredResultsProps {
  behindWarning: readonly ChatMessage[];
  hiddenByFacilitator: readonly ChatMessage[];
  words: readonly string[];
  nameOf: (key: string) => string;
  onJump: (message: ChatMessage) => void;
}

/**
 * Results the conversation keeps covered: behind a content warning, or (for facilitators) hidden
 * by one. Only counted until the person chooses to see them, as in the conversation itself.
 */
export function CoveredResults({
  behindWarning,
  hiddenByFacilitator,
  words,
  nameOf,
  onJump,
}: CoveredResultsProps) {
  return (
    <>
      <CoveredGroup
        messages={behindWarning}
        label={(n) =>
          n === 1 ? '1 result behind a content warning.' : `${n} results behind a content warning.`
        }
        testId="search-warned"
        words={words}
        nameOf={nameOf}
        onJump={onJump}
      />
      <CoveredGroup
        messages={hiddenByFacilitator}
        label={(n) =>
          n === 1
            ? '1 result in a message a facilitator hid.'
            : `${n} results in messages a facilitator hid.`
        }
        testId="search-hidden"
        words={words}
        nameOf={nameOf}
        onJump={onJump}
      />
    </>
  );
}

function CoveredGroup({
  messages,
  label,
  testId,
  words,
  nameOf,
  onJump,
}: {
  messages: readonly ChatMessage[];
  label: (count: number) => string;
  testId: string;
  words: readonly string[];
  nameOf: (key: string) => string;
  onJump: (message: ChatMessage) => void;
}) {
  const [open, setOpen] = useState(false);
  // A new query covers them again: the choice was about the results then on screen.
  useEffect(() => setOpen(false), [words]);
  if (messages.length === 0) return null;
  return (
    <div className="search-covered" data-testid={testId}>
      <p className="search-covered__note">
        {label(messages.length)}{' '}
        {open ? null : (
          <Button variant="quiet" onClick={() => setOpen(true)} data-testid={`${testId}-show`}>
            {messages.length === 1 ? 'Show it' : 'Show them'}
          </Button>
        )}
      </p>
      {open ? (
        <ul className="search-results" aria-label={label(messages.length)}>
          {messages.map((message) => (
            <SearchResultItem
              key={message.id}
              message={message}
              authorName={nameOf(message.author)}
              words={words}
              onJump={onJump}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
