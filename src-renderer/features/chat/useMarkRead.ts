import { useCallback, useEffect } from 'react';
import { useHearth, useHearthSnapshot } from '../../app/HearthContext';
import type { HearthApp } from '../../services/types';

/**
 * Marks the circle read while it is on screen and has unread messages: now, as they arrive, and
 * when the window is shown again. Nothing is called when there is nothing unread.
 */
export function useMarkRead(localId: string): void {
  const app = useHearth();
  const selectUnread = useCallback((a: HearthApp) => a.circles().find((c) => c.localId === localId)?.unread ?? 0, [localId]);
  const unread = useHearthSnapshot(selectUnread);
  useEffect(() => {
    if (unread === 0) return;
    const mark = () => {
      if (document.visibilityState === 'visible') app.markRead(localId);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [app, localId, unread]);
}
