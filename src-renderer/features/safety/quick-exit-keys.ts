// The quick-exit shortcut: Ctrl+Shift+X (⌘ Shift X on a Mac), the same as the desktop menu's
// accelerator (src-main/menu.ts QUICK_EXIT_ACCELERATOR), so one habit works in both builds.

/** How the shortcut is named to people and to screen readers on this platform. */
export function quickExitKeys(platform: string): { label: string; aria: string } {
  const mac =
    platform === 'darwin' ||
    (platform === 'web' && typeof navigator !== 'undefined' && /^Mac/i.test(navigator.platform));
  return mac
    ? { label: '⌘ Shift X', aria: 'Meta+Shift+X' }
    : { label: 'Ctrl+Shift+X', aria: 'Control+Shift+X' };
}

/** What a shortcut check reads of a key press (a KeyboardEvent has it all). */
export interface KeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether a key press is the quick-exit shortcut (Ctrl or ⌘, Shift, X; no Alt). */
export function isQuickExitKey(e: KeyPress): boolean {
  const x = e.code === 'KeyX' || e.key.toLowerCase() === 'x';
  return x && e.shiftKey && !e.altKey && (e.ctrlKey || e.metaKey);
}
