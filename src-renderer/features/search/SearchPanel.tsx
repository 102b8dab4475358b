import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import type { SearchReader } from '../../../src-shared/search/message-search';
import type { ChatMessage } from '../../services/types';
import { Button } from '../../ui/Button';
import { UNKNOWN_AUTHOR } from '../chat/MessageList';
import { CoveredResults } from './CoveredResults';
import { SearchResultItem } from './SearchResultItem';
import { useMessageSearch } from './useMessageSearch';
import './search.css';

/** Results drawn at first, and added by each "Show more results". */
export const RESULTS_STEP = 30;

interface SearchPanelProps {
  circleName: string;
  messages: ListSnapshot<ChatMessage>;
  reader: SearchReader;
  authors: ReadonlyMap<string, { displayName: string }>;
  /** Bumped when the search is asked for again while open (Ctrl+F): the field takes focus. */
  focusRequest: number;
  onJump: (message: ChatMessage) => void;
  onClose: () => void;
}

/**
 * Search in the circle's history, on this device: results as the person types, newest first,
 * only what the conversation would show them (message-search.ts). Escape closes.
 */
export function SearchPanel({
  circleName,
  messages,
  reader,
  authors,
  focusRequest,
  onJump,
  onClose,
}: SearchPanelProps) {
  const { query, setQuery, results } = useMessageSearch(messages, reader);
  const [limit, setLimit] = useState(RESULTS_STEP);
  const input = useRef<HTMLInputElement>(null);
  const statusId = useId();
  useEffect(() => setLimit(RESULTS_STEP), [results.words]);
  useEffect(() => input.current?.focus(), [focusRequest]);

  const nameOf = useCallback(
    (key: string) => authors.get(key)?.displayName ?? UNKNOWN_AUTHOR,
    [authors],
  );
  const moveFocus = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.search-result')];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.current?.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  };
  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const newest = results.shown[0];
    if (newest) onJump(newest);
  };

  const found = results.shown.length;
  const covered = results.behindWarning.length + results.hiddenByFacilitator.length;
  const status =
    results.words.length === 0
      ? `Type a word to search the messages of ${circleName} kept on this device.`
      : found === 0 && covered === 0
        ? 'No messages found. Try another word.'
        : `${found === 1 ? '1 message' : `${found} messages`} found.`;

  return (
    <section
      className="search-panel"
      aria-label={`Search ${circleName}`}
      data-testid="search-panel"
      onKeyDown={moveFocus}
    >
      <div className="search-panel__bar">
        <input
          ref={input}
          type="search"
          className="search-panel__input"
          aria-label={`Search messages in ${circleName}`}
          aria-describedby={statusId}
          placeholder="Search messages"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onInputKey}
          data-testid="search-input"
        />
        <Button variant="quiet" onClick={onClose} data-testid="search-close">
          Close search
        </Button>
      </div>
      <p
        id={statusId}
        className="search-panel__status"
        role="status"
        data-testid="search-status"
        data-words={results.words.join(' ')}
      >
        {status}
      </p>
      <div className="search-panel__results">
        {found > 0 ? (
          <ul className="search-results" aria-label="Messages found">
            {results.shown.slice(0, limit).map((message) => (
              <SearchResultItem
                key={message.id}
                message={message}
                authorName={nameOf(message.author)}
                words={results.words}
                onJump={onJump}
              />
            ))}
          </ul>
        ) : null}
        {found > limit ? (
          <Button
            variant="quiet"
            onClick={() => setLimit((n) => n + RESULTS_STEP)}
            data-testid="search-more"
          >
            Show more results ({found - limit} more)
          </Button>
        ) : null}
        <CoveredResults
          behindWarning={results.behindWarning}
          hiddenByFacilitator={results.hiddenByFacilitator}
          words={results.words}
          nameOf={nameOf}
          onJump={onJump}
        />
      </div>
    </section>
  );
}
