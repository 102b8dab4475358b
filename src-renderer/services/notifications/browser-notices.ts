// The browser build's new-message notifications (the desktop app's go through main: desktop-app.ts).
// Two switches are kept on this device, in the browser profile's localStorage and outside the
// vault, so they hold before unlock: whether notifications are on, and whether they may show the
// circle's name and the message. They reveal little (that this profile turned Hearth's
// notifications on); no name, message or key is ever written there. What a notification says
// follows the desktop app's rule (src-shared/notification-text.ts): nothing but "You have a new
// message." unless previews are on.
import { notificationFor } from '../../../src-shared/notification-text';
import { latestMessageOf, MessageWatch, type LatestMessage } from '../desktop/message-watch';
import type { BrowserNoticeSettings, CircleSummary, CircleView } from '../types';

/** The part of the browser's Notification API used here, so tests can pass their own. */
export interface NotificationApi {
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  show(title: string, body: string): void;
}

type SwitchStorage = Pick<Storage, 'getItem' | 'setItem'>;

const ON_KEY = 'hearth.notifications';
const PREVIEWS_KEY = 'hearth.notificationPreviews';

export class BrowserNotices {
  private readonly watch = new MessageWatch();
  private snap: BrowserNoticeSettings;

  constructor(
    private readonly storage: SwitchStorage | null,
    private readonly api: NotificationApi | null,
    /** Whether the person cannot see the page now (another tab, minimised). */
    private readonly pageHidden: () => boolean,
    private readonly emit: () => void,
  ) {
    this.snap = this.read();
  }

  /** The switches and the browser's permission; the same object until one of them changes. */
  settings(): BrowserNoticeSettings {
    const permission = this.api?.permission() ?? 'unsupported';
    if (permission !== this.snap.permission) this.snap = { ...this.snap, permission };
    return this.snap;
  }

  /**
   * Asks the browser's permission (only now, when the person turns notifications on) and keeps
   * the switch on if it was given. Resolves with the permission the browser answered.
   */
  async turnOn(): Promise<BrowserNoticeSettings['permission']> {
    if (this.api === null) return 'unsupported';
    // Asked every time the person turns them on: a browser that already said yes answers at once.
    const permission = await this.api.requestPermission();
    if (permission === 'granted') this.write(ON_KEY, true);
    else this.changed();
    return permission;
  }

  turnOff(): void {
    this.write(ON_KEY, false);
  }

  setPreviews(on: boolean): void {
    this.write(PREVIEWS_KEY, on);
  }

  /** Called on every app change while unlocked: one notification at most for what is new. */
  onCirclesChanged(
    circles: readonly CircleSummary[],
    viewOf: (localId: string) => CircleView | null,
  ): void {
    const latest: LatestMessage[] = [];
    for (const circle of circles) {
      const view = viewOf(circle.localId);
      if (view !== null) latest.push(latestMessageOf(circle, view));
    }
    // Always updated, so that turning notifications on later does not announce old messages.
    const notices = this.watch.update(latest, Date.now());
    const { on, previews } = this.snap;
    if (!on || this.api === null || this.api.permission() !== 'granted') return;
    for (const notice of notices) {
      const text = notificationFor(notice, !this.pageHidden(), {
        notifications: on,
        notificationPreviews: previews,
      });
      if (text !== null) this.api.show(text.title, text.body);
    }
  }

  /** At lock: the next unlock starts fresh (old history is not news). */
  onLocked(): void {
    this.watch.reset();
  }

  private read(): BrowserNoticeSettings {
    const get = (key: string) => {
      try {
        return this.storage?.getItem(key) === 'on';
      } catch {
        return false;
      }
    };
    const permission = this.api?.permission() ?? 'unsupported';
    return { on: get(ON_KEY), previews: get(PREVIEWS_KEY), permission };
  }

  private write(key: string, on: boolean): void {
    try {
      this.storage?.setItem(key, on ? 'on' : 'off');
    } catch {
      // A storage that refuses the write: the switch holds until the page reloads.
    }
    this.snap = {
      ...this.snap,
      ...(key === ON_KEY ? { on } : { previews: on }),
    };
    this.changed();
  }

  private changed(): void {
    this.snap = { ...this.snap, permission: this.api?.permission() ?? 'unsupported' };
    this.emit();
  }
}
