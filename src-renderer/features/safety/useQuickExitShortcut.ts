import { useEffect } from 'react';
import { useHearth } from '../../app/HearthContext';
import { isQuickExitKey } from './quick-exit-keys';

/**
 * The quick-exit shortcut in the page (the browser build; the desktop menu's accelerator does the
 * same before the page sees the key). Listens in the capture phase so no field or dialog can keep
 * the key to itself.
 */
export function useQuickExitShortcut(active: boolean): void {
  const app = useHearth();
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isQuickExitKey(e)) return;
      e.preventDefault();
      e.stopPropagation();
      app.quickExit();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [app, active]);
}
