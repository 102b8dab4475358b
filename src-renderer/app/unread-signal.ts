// The unread count outside the conversation: "(3) Hearth" in the window title, and the number
// on the desktop app's dock, taskbar or tray. Only ever a number: the title is on screen in the
// taskbar and in screen sharing, so no circle name or word goes there. Locked, or behind a quick
// exit's neutral screen, nothing is counted.
import { MAX_UNREAD_COUNT } from '../../src-shared/ipc/contract';
import type { HearthApp } from '../services/types';

export const PLAIN_TITLE = 'Hearth';

/** The window title for `total` unread messages: "Hearth" alone at 0. */
export function unreadTitle(total: number): string {
  return total > 0 ? `(${total}) ${PLAIN_TITLE}` : PLAIN_TITLE;
}

/**
 * Whether anything about the circles may show outside the page (title, badge, notifications):
 * only while unlocked, and not behind a quick exit's neutral screen (the lock is still running).
 */
export function mayShowActivity(app: Pick<HearthApp, 'vaultPhase' | 'quickExited'>): boolean {
  return app.vaultPhase() === 'unlocked' && !app.quickExited();
}

/** Unread messages in every open circle; 0 unless unlocked, and 0 after a quick exit. */
export function unreadToShow(app: Pick<HearthApp, 'vaultPhase' | 'quickExited' | 'circles'>) {
  if (!mayShowActivity(app)) return 0;
  let total = 0;
  for (const circle of app.circles()) total += circle.unread;
  return Math.min(total, MAX_UNREAD_COUNT);
}

interface UnreadOutlets {
  /** The page's document (its title is set). */
  readonly doc: { title: string };
  /** The desktop app's dock or tray badge; null in a browser. */
  readonly badge: ((count: number) => void) | null;
}

/**
 * Keeps the title and the badge in step with the app after every change; returns unsubscribe.
 * While a quick exit's neutral screen shows, the title is that screen's own ("Notes").
 */
export function followUnread(
  app: Pick<HearthApp, 'vaultPhase' | 'quickExited' | 'circles' | 'subscribe'>,
  { doc, badge }: UnreadOutlets,
): () => void {
  const update = () => {
    const total = unreadToShow(app);
    badge?.(total);
    if (app.quickExited()) return;
    const title = unreadTitle(total);
    if (doc.title !== title) doc.title = title;
  };
  update();
  return app.subscribe(update);
}
