// What a new-message notification says, if anything. Pure: the caller passes focus and settings.
// Shared by the desktop app's main process and the browser build's notifications, so both follow
// one rule: no circle name and no text unless previews are on.
import type { MessageNotice, ShellSettings } from './ipc/contract';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

const PREVIEW_CHARS = 140;

/**
 * The daily check-in reminder (journal). Null while the window is focused, where the reminder
 * shows inside the app, or when notifications are off. It never carries the person's own
 * question: that is theirs, and a notification can be read over their shoulder.
 */
export function checkInNotificationFor(
  windowFocused: boolean,
  settings: Pick<ShellSettings, 'notifications'>,
): NotificationText | null {
  if (windowFocused || !settings.notifications) return null;
  return {
    title: 'Hearth',
    body: 'A gentle reminder: your daily check-in is waiting whenever you are ready.',
  };
}

/**
 * Null while the window is focused (the user sees the message already) or notifications are off.
 * Without previews the notification names neither the circle nor the sender's words: someone
 * glancing at the screen learns only that Hearth has something new.
 */
export function notificationFor(
  notice: MessageNotice,
  windowFocused: boolean,
  settings: Pick<ShellSettings, 'notifications' | 'notificationPreviews'>,
): NotificationText | null {
  if (windowFocused || !settings.notifications) return null;
  if (!settings.notificationPreviews) return { title: 'Hearth', body: 'You have a new message.' };
  const text = notice.text.replace(/\s+/g, ' ').trim();
  const body = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  return { title: notice.circleName.trim() || 'Hearth', body: body || 'New message' };
}
