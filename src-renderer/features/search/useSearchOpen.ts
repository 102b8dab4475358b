import { useCallback, useRef, useState } from 'react';
import type { ChatMessage } from '../../services/types';
import type { RevealRequest } from '../chat/useRevealRow';
import { useFindShortcut } from './useFindShortcut';

/**
 * Whether the circle's search is open, the message a result led to, and where focus goes back
 * when it closes: to whatever had it when the search was opened (the Search button, the message
 * box), or the Search button if that is gone.
 */
export function useSearchOpen(searchButton: () => HTMLElement | null) {
  const [open, setOpen] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const openSearch = useCallback(() => {
    const active = document.activeElement;
    if (!open)
      returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setOpen(true);
    setFocusRequest((n) => n + 1);
  }, [open]);
  useFindShortcut(openSearch);

  const closeSearch = useCallback(() => {
    setOpen(false);
    setReveal(null);
    const back = returnTo.current?.isConnected ? returnTo.current : searchButton();
    returnTo.current = null;
    // After React has removed the panel (focus inside it would otherwise fall to the page).
    requestAnimationFrame(() => back?.focus());
  }, [searchButton]);

  const jumpTo = useCallback(
    (message: ChatMessage) => setReveal({ author: message.author, id: message.id }),
    [],
  );

  return { open, focusRequest, reveal, openSearch, closeSearch, jumpTo };
}
