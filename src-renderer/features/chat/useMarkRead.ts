import { useEffect } from 'react';
import { useHearth } from '../../app/HearthContext';

/**
 * Tells the app this circle is being read while it is on screen and the window is visible, so
 * its messages count as read as they arrive (and those that came while hidden, once shown).
 */
export function useMarkRead(localId: string): void {
  const app = useHearth();
  useEffect(() => {
    let stopViewing: (() => void) | null = null;
    const update = () => {
      const visible = document.visibilityState === 'visible';
      if (visible && !stopViewing) stopViewing = app.viewCircle(localId);
      else if (!visible && stopViewing) {
        stopViewing();
        stopViewing = null;
      }
    };
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      stopViewing?.();
    };
  }, [app, localId]);
}
