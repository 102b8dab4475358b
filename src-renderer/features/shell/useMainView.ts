import { useCallback, useRef, useState } from 'react';
import type { JoinAttempt } from '../../services/types';
import type { JournalTab } from '../journal/JournalView';

export type MainView =
  | { kind: 'home' }
  | { kind: 'circle'; localId: string; focusComposer: boolean }
  | { kind: 'new-circle' }
  | { kind: 'join'; attempt: JoinAttempt | null; code?: string }
  | { kind: 'settings' }
  | { kind: 'journal'; tab: JournalTab };

/** What the main pane shows, and the moves between those pages. */
export function useMainView() {
  const [view, setView] = useState<MainView>({ kind: 'home' });
  const lastCircle = useRef<string | null>(null);

  const openCircle = useCallback((localId: string, focusComposer = false) => {
    lastCircle.current = localId;
    setView({ kind: 'circle', localId, focusComposer });
  }, []);
  const openNewCircle = useCallback(() => setView({ kind: 'new-circle' }), []);
  const openJoin = useCallback(
    (attempt: JoinAttempt | null = null) => setView({ kind: 'join', attempt }),
    [],
  );
  const openJournal = useCallback(
    (tab: JournalTab = 'check-in') => setView({ kind: 'journal', tab }),
    [],
  );
  /** The join form with a code filled in (a hearth://join/ link). */
  const openJoinWithCode = useCallback(
    (code: string) => setView({ kind: 'join', attempt: null, code }),
    [],
  );
  const openSettings = useCallback(() => setView({ kind: 'settings' }), []);
  /** Leave a form: back to the circle that was open before, or the welcome page. */
  const back = useCallback(() => {
    const localId = lastCircle.current;
    setView(localId ? { kind: 'circle', localId, focusComposer: false } : { kind: 'home' });
  }, []);
  /** The open circle is gone from this device (its history was deleted): back to the welcome page. */
  const closeCircle = useCallback(() => {
    lastCircle.current = null;
    setView({ kind: 'home' });
  }, []);
  /** Enter the circle just created or joined, ready to write. */
  const enterCircle = useCallback((localId: string) => openCircle(localId, true), [openCircle]);

  return {
    view,
    openCircle,
    openNewCircle,
    openJoin,
    openJournal,
    back,
    closeCircle,
    enterCircle,
    openJoinWithCode,
    openSettings,
  };
}
