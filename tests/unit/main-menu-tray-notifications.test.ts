// The desktop shell's menus and what it shows or does while the user is away: the application
// menu (no developer tools in production), the tray, notifications and the idle lock.
import { describe, expect, it } from 'vitest';
import { type ShellSettings } from '../../src-shared/ipc/contract';
import { IdleLock, lockOnSystemEvent } from '../../src-main/idle-lock';
import { buildMenuTemplate, buildTrayTemplate, type MenuItem } from '../../src-main/menu';
import { notificationFor } from '../../src-shared/notification-text';

describe('menu', () => {
  const others = { onQuickExit: () => {}, onSettings: () => {} };
  const roles = (items: MenuItem[]): string[] =>
    items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
  const find = (items: MenuItem[], label: string): MenuItem | undefined =>
    items.flatMap((i) => [i, ...(i.submenu ?? [])]).find((i) => i.label === label);

  it('has no devtools or reload in production, on any platform', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      const r = roles(buildMenuTemplate({ platform, isDev: false, onLock: () => {}, ...others }));
      expect(r).not.toContain('toggleDevTools');
      expect(r).not.toContain('reload');
      expect(r).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'zoomIn']));
    }
    expect(
      roles(buildMenuTemplate({ platform: 'linux', isDev: true, onLock: () => {}, ...others })),
    ).toContain('toggleDevTools');
  });

  it('wires Lock to CmdOrCtrl+L and the callback', () => {
    let locked = 0;
    const lock = find(
      buildMenuTemplate({ platform: 'linux', isDev: false, onLock: () => locked++, ...others }),
      'Lock',
    );
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    lock?.click?.();
    expect(locked).toBe(1);
  });
});

describe('notifications, idle lock, tray', () => {
  const settings: Pick<ShellSettings, 'notifications' | 'notificationPreviews'> = {
    notifications: true,
    notificationPreviews: true,
  };
  it('previews are trimmed and never exceed one line', () => {
    const text = notificationFor(
      { circleName: 'C', text: `line one\nline two ${'x'.repeat(300)}` },
      false,
      settings,
    );
    expect(text!.body.length).toBeLessThanOrEqual(140);
    expect(text!.body).not.toContain('\n');
    expect(
      notificationFor({ circleName: 'C', text: 'x' }, false, { ...settings, notifications: false }),
    ).toBeNull();
  });

  it('idle lock fires once per idle stretch, re-arms on input, never when off', () => {
    const lock = new IdleLock();
    expect(lock.poll(599, 10)).toBe(false);
    expect(lock.poll(600, 10)).toBe(true);
    expect(lock.poll(900, 10)).toBe(false);
    expect(lock.poll(3, 10)).toBe(false);
    expect(lock.poll(601, 10)).toBe(true);
    expect(new IdleLock().poll(99_999, 0)).toBe(false);
    expect(new IdleLock().poll(NaN, 10)).toBe(false);
    expect(new IdleLock().poll(-5, 10)).toBe(false);
    expect(lockOnSystemEvent({ autoLockMinutes: 0 })).toBe(false);
    expect(lockOnSystemEvent({ autoLockMinutes: 5 })).toBe(true);
  });

  it('tray menu shows, locks and quits', () => {
    const did: string[] = [];
    const items = buildTrayTemplate({
      onShow: () => did.push('show'),
      onLock: () => did.push('lock'),
      onQuit: () => did.push('quit'),
    });
    for (const item of items) item.click?.();
    expect(did).toEqual(['show', 'lock', 'quit']);
  });
});
