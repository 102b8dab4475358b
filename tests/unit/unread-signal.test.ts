// The unread count outside the conversation: the window title, the desktop app's dock, taskbar
// or tray (through the one IPC contract), and what they show while locked or after quick exit.
import { describe, expect, it } from 'vitest';
import {
  followUnread,
  mayShowActivity,
  unreadTitle,
  unreadToShow,
} from '../../src-renderer/app/unread-signal';
import { DesktopApp } from '../../src-renderer/services/desktop/desktop-app';
import type { DesktopHost } from '../../src-renderer/host/host-bridge';
import type { CircleSummary, HearthApp, VaultPhase } from '../../src-renderer/services/types';
import type { Vault } from '../../src-renderer/services/vault/vault';
import { trayTooltip, UnreadBadge } from '../../src-main/unread-badge';
import { APP_PAGE, fakeMainIpc } from '../support/fake-main-ipc';

/** A HearthApp with only what the unread signal reads, its state set by the test. */
function fakeApp(unread: number[]) {
  const listeners = new Set<() => void>();
  const state = { phase: 'unlocked' as VaultPhase, exited: false, unread };
  const app: Pick<HearthApp, 'vaultPhase' | 'quickExited' | 'circles' | 'subscribe'> = {
    vaultPhase: () => state.phase,
    quickExited: () => state.exited,
    circles: () => state.unread.map((n, i) => ({ localId: `c${i}`, unread: n }) as CircleSummary),
    subscribe: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  const change = (patch: Partial<typeof state>) => {
    Object.assign(state, patch);
    for (const l of listeners) l();
  };
  return { app, change };
}

describe('unread in the window title', () => {
  it('says "(n) Hearth", and "Hearth" alone at 0', () => {
    expect(unreadTitle(0)).toBe('Hearth');
    expect(unreadTitle(3)).toBe('(3) Hearth');
  });

  it('counts every circle while unlocked, nothing while locked or after a quick exit', () => {
    const { app, change } = fakeApp([2, 0, 5]);
    expect(unreadToShow(app)).toBe(7);
    change({ phase: 'locked' });
    expect(unreadToShow(app)).toBe(0);
    expect(mayShowActivity(app)).toBe(false);
    change({ phase: 'unlocked', exited: true });
    expect(unreadToShow(app)).toBe(0);
    // Behind the neutral screen, while the lock still runs: no notification either.
    expect(mayShowActivity(app)).toBe(false);
    change({ exited: false, unread: [99_999, 5] });
    expect(unreadToShow(app)).toBe(99_999);
  });

  it('follows the app, and leaves the neutral screen its own title', () => {
    const { app, change } = fakeApp([1]);
    const doc = { title: 'Hearth' };
    const badge: number[] = [];
    const stop = followUnread(app, { doc, badge: (n) => badge.push(n) });
    expect(doc.title).toBe('(1) Hearth');
    change({ unread: [4] });
    expect(doc.title).toBe('(4) Hearth');
    // Quick exit: the neutral screen has set "Notes"; the badge goes to 0 at once.
    doc.title = 'Notes';
    change({ exited: true });
    expect(doc.title).toBe('Notes');
    change({ phase: 'locked' });
    expect(doc.title).toBe('Notes');
    change({ exited: false });
    expect(doc.title).toBe('Hearth');
    expect(badge).toEqual([1, 4, 0, 0, 0]);
    stop();
    change({ phase: 'unlocked' });
    expect(doc.title).toBe('Hearth');
  });
});

describe('unread on the dock, taskbar or tray', () => {
  function desktopWith(calls: number[]) {
    const host = {
      showUnreadCount: async (n: number) => void calls.push(n),
      updateSettings: async () => ({
        settings: { trayIcon: true },
        lanSignalingUrls: [],
      }),
    } as unknown as DesktopHost;
    return new DesktopApp(host, {} as Vault, () => {});
  }

  it('the renderer tells main only when the count changes, and again when a tray appears', async () => {
    const calls: number[] = [];
    const desktop = desktopWith(calls);
    desktop.showUnreadCount(0);
    desktop.showUnreadCount(0);
    desktop.showUnreadCount(3);
    desktop.showUnreadCount(3);
    await desktop.updateSettings({ trayIcon: true });
    expect(calls).toEqual([0, 3, 3]);
  });

  it('main shows a badge where the platform has one, a taskbar overlay on Windows, the tray tooltip everywhere', () => {
    for (const platform of ['darwin', 'linux', 'win32']) {
      const badges: number[] = [];
      const tips: string[] = [];
      const overlays: (string | null)[] = [];
      const badge = new UnreadBadge({
        platform,
        setBadgeCount: (n) => badges.push(n) > 0,
        setTrayTooltip: (t) => void tips.push(t),
        setTaskbarOverlay: (d) => void overlays.push(d),
      });
      badge.show(12);
      badge.show(12);
      expect(badge.tooltip).toBe('Hearth: 12 unread');
      badge.clear();
      expect(badges, platform).toEqual(platform === 'win32' ? [] : [12, 12, 0]);
      // The overlay changes only with the number: the taskbar redraws on each call.
      expect(overlays, platform).toEqual(platform === 'win32' ? ['12 unread', null] : []);
      expect(tips, platform).toEqual(['Hearth: 12 unread', 'Hearth: 12 unread', 'Hearth']);
    }
    expect(trayTooltip(0)).toBe('Hearth');
  });

  it('the IPC channel takes a whole number from 0 to 99999 and refuses anything else', async () => {
    const { handlers, calls } = fakeMainIpc();
    expect(await handlers.showUnreadCount(APP_PAGE, [0])).toEqual({ ok: true, value: true });
    expect(await handlers.showUnreadCount(APP_PAGE, [99_999])).toEqual({ ok: true, value: true });
    expect(calls).toEqual(['setBadgeCount', 'setTrayTooltip', 'setBadgeCount', 'setTrayTooltip']);
    calls.length = 0;
    for (const bad of [
      [-1],
      [1.5],
      [100_000],
      [Number.NaN],
      [Number.POSITIVE_INFINITY],
      ['3'],
      [3n],
      [{ valueOf: () => 3 }],
      ['Tuesday circle: I had a hard week'],
      [],
      [3, 'extra'],
    ]) {
      const reply = await handlers.showUnreadCount(APP_PAGE, bad);
      expect(reply.ok, String(bad[0])).toBe(false);
    }
    expect(calls).toEqual([]);
  });
});
