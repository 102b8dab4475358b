// The browser build's notifications: permission asked only when turned on, nothing shown while
// the page is in sight, and no circle name or words unless previews are on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserNotices,
  type NotificationApi,
} from '../../src-renderer/services/notifications/browser-notices';
import { NOTICE_GAP_MS } from '../../src-renderer/services/desktop/message-watch';
import type { CircleSummary, CircleView } from '../../src-renderer/services/types';
import { parseTheme } from '../../src-renderer/features/settings/theme';

function fakeBrowser(answer: NotificationPermission) {
  const store = new Map<string, string>();
  const shown: { title: string; body: string }[] = [];
  let permission: NotificationPermission = 'default';
  let asks = 0;
  const api: NotificationApi = {
    permission: () => permission,
    requestPermission: async () => {
      asks += 1;
      permission = answer;
      return answer;
    },
    show: (title, body) => shown.push({ title, body }),
  };
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  return { api, storage, store, shown, asks: () => asks };
}

const circle: CircleSummary = {
  localId: 'c1',
  name: 'Evening circle',
  description: '',
  myKey: 'me',
  myRole: 'member',
  unread: 0,
};
const viewWith = (messages: { id: string; author: string; text: string }[]) =>
  ({ messages, blocked: new Set<string>(), knocks: [] }) as unknown as CircleView;

/** Notifications over a fake browser, the page hidden unless `hidden` says otherwise. */
const noticesOn = (b: ReturnType<typeof fakeBrowser>, hidden: () => boolean = () => true) =>
  new BrowserNotices(b.storage, b.api, hidden, () => {});

/** Moves the clock past the quiet gap between notifications (message-watch.ts). */
const afterQuietGap = () => vi.setSystemTime(Date.now() + NOTICE_GAP_MS + 1);

afterEach(() => vi.useRealTimers());

describe('browser notifications', () => {
  it('ask the permission only when turned on, and stay off when the browser says no', async () => {
    const b = fakeBrowser('denied');
    const notices = noticesOn(b);
    expect(b.asks()).toBe(0);
    expect(await notices.turnOn()).toBe('denied');
    expect(b.asks()).toBe(1);
    expect(notices.settings()).toEqual({ on: false, previews: false, permission: 'denied' });
    expect(b.store.get('hearth.notifications')).toBeUndefined();
  });

  it('show nothing in sight, and neither circle nor words unless previews are on', async () => {
    const b = fakeBrowser('granted');
    let hidden = false;
    const notices = noticesOn(b, () => hidden);
    await notices.turnOn();
    // Only the switches are stored: no name, message or key.
    expect([...b.store.entries()]).toEqual([['hearth.notifications', 'on']]);
    const msgs = [{ id: 'm1', author: 'ann', text: 'first' }];
    notices.onCirclesChanged([circle], () => viewWith(msgs));
    msgs.push({ id: 'm2', author: 'ann', text: 'seen in the open page' });
    notices.onCirclesChanged([circle], () => viewWith(msgs));
    expect(b.shown).toEqual([]);
    hidden = true;
    afterQuietGap();
    msgs.push({ id: 'm3', author: 'ann', text: 'a private thing' });
    notices.onCirclesChanged([circle], () => viewWith(msgs));
    expect(b.shown).toEqual([{ title: 'Hearth', body: 'You have a new message.' }]);

    notices.setPreviews(true);
    afterQuietGap();
    msgs.push({ id: 'm4', author: 'ann', text: 'shown with previews' });
    notices.onCirclesChanged([circle], () => viewWith(msgs));
    expect(b.shown.at(-1)).toEqual({ title: 'Evening circle', body: 'shown with previews' });
  });

  it('never for a message from a member this device blocked', async () => {
    const b = fakeBrowser('granted');
    const notices = noticesOn(b);
    await notices.turnOn();
    const msgs = [{ id: 'm1', author: 'ann', text: 'first' }];
    const blockedView = () =>
      ({ messages: msgs, blocked: new Set(['cal']), knocks: [] }) as unknown as CircleView;
    notices.onCirclesChanged([circle], blockedView);
    afterQuietGap();
    msgs.push({ id: 'm2', author: 'cal', text: 'from a blocked member' });
    notices.onCirclesChanged([circle], blockedView);
    expect(b.shown).toEqual([]);
    afterQuietGap();
    msgs.push({ id: 'm3', author: 'ann', text: 'from Ann' });
    notices.onCirclesChanged([circle], blockedView);
    expect(b.shown).toEqual([{ title: 'Hearth', body: 'You have a new message.' }]);
  });

  it('remember their switches on this device', async () => {
    const b = fakeBrowser('granted');
    const first = noticesOn(b);
    await first.turnOn();
    first.setPreviews(true);
    const again = noticesOn(b);
    expect(again.settings()).toEqual({ on: true, previews: true, permission: 'granted' });
    again.turnOff();
    expect(noticesOn(b).settings().on).toBe(false);
  });
});

describe('theme', () => {
  it('reads light and dark, and anything else as the system’s', () => {
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('dark')).toBe('dark');
    for (const raw of [null, '', 'system', 'DARK', 'blue']) expect(parseTheme(raw)).toBe('system');
  });
});
