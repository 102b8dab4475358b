import { useEffect, useRef } from 'react';
import type { KeyPress } from '../safety/quick-exit-keys';

/** Whether a key press is "find": Ctrl+F, or ⌘F on a Mac (no Shift, no Alt). */
export function isFindKey(e: KeyPress): boolean {
  const f = e.code === 'KeyF' || e.key.toLowerCase() === 'f';
  return f && !e.shiftKey && !e.altKey && (e.ctrlKey || e.metaKey);
}

/**
 * Ctrl/⌘+F anywhere on the page calls `onFind` instead of the browser's own find, which could
 * only see the few messages the virtualized list has drawn.
 */
export function useFindShortcut(onFind: () => void): void {
  const latest = useRef(onFind);
  useEffect(() => {
    latest.current = onFind;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isFindKey(event) || event.defaultPrevented) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
