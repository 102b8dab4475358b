import { useEffect, useMemo, useState } from 'react';
import type { ListSnapshot } from '../../../src-shared/list-snapshot';
import {
  MessageSearch,
  type SearchReader,
  type SearchResults,
} from '../../../src-shared/search/message-search';
import type { ChatMessage } from '../../services/types';

/** How long typing pauses before the history is searched (ms): each key need not start a pass. */
export const SEARCH_PAUSE_MS = 25;
/** Messages folded per slice while the history is still being prepared (a few ms each). */
const PREPARE_SLICE = 4_000;

/**
 * Search over one circle's messages for as long as the component using it is shown (the search
 * panel): the history is folded in small slices in the background from the start (nothing before
 * the search opens, nothing stored, all of it let go when it closes), and results follow the
 * query after a short pause in typing, and the timeline as messages arrive or change.
 */
export function useMessageSearch(
  messages: ListSnapshot<ChatMessage>,
  reader: SearchReader,
): { query: string; setQuery: (query: string) => void; results: SearchResults } {
  const index = useMemo(() => new MessageSearch(), []);
  const [query, setQuery] = useState('');
  const [settledQuery, setSettledQuery] = useState('');

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      if (!index.prepare(messages, PREPARE_SLICE)) timer = setTimeout(slice, 0);
    };
    slice();
    return () => clearTimeout(timer);
  }, [index, messages]);

  useEffect(() => {
    const timer = setTimeout(() => setSettledQuery(query), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const { myKey, facilitator, blocked, uncoveredTopics, openedWarnings } = reader;
  const results = useMemo(
    () =>
      index.search(messages, settledQuery, {
        myKey,
        facilitator,
        blocked,
        uncoveredTopics,
        openedWarnings,
      }),
    [index, messages, settledQuery, myKey, facilitator, blocked, uncoveredTopics, openedWarnings],
  );
  return { query, setQuery, results };
}
