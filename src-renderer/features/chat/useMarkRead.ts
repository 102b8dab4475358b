import { useEffect } from 'react';
import { useHearth } from '../../app/HearthContext';

/** Marks the circle read while it is on screen: now, when messages arrive, and when the window is shown again. */
export function useMarkRead(localId: string, messageCount: number): void {
  const app = useHearth();
  useEffect(() => {
    const mark = () => {
      if (document.visibilityState === 'visible') app.markRead(localId);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [app, localId, messageCount]);
}
