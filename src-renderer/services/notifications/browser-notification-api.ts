// The page's Notification API behind the small interface BrowserNotices uses, or null where the
// browser has none (or the page is not a secure context).
import type { NotificationApi } from './browser-notices';

/** The browser's notifications, or null where there are none. */
export function browserNotificationApi(): NotificationApi | null {
  if (typeof Notification === 'undefined') return null;
  // Reading Notification.permission asks the browser process each time (a synchronous call in
  // Chromium); read on every app change, it took about 0.8 ms of main-thread time per delivered
  // message in a CPU profile. It is read once here, then followed: the Permissions API says when the person changes it.
  let permission = Notification.permission;
  const follow = () => (permission = Notification.permission);
  navigator.permissions?.query({ name: 'notifications' }).then(
    (status) => status.addEventListener('change', follow),
    () => undefined, // no Permissions API: requestPermission's answer still updates it
  );
  return {
    permission: () => permission,
    requestPermission: async () => (permission = await Notification.requestPermission()),
    show: (title, body) => {
      try {
        // One tag: a newer notice replaces the older one instead of piling up.
        const note = new Notification(title, { body, tag: 'hearth-message' });
        note.onclick = () => {
          window.focus();
          note.close();
        };
      } catch {
        // Some browsers (Chrome on Android) allow notifications only from a service worker.
      }
    },
  };
}

/** The profile's localStorage, or null where the browser refuses it (some private modes). */
export function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
