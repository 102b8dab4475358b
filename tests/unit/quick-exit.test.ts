// Quick exit (issue 17): the shortcut as it is pressed on each platform, and what the app facade
// does: a neutral screen in the same event, the window hidden, one lock however many ask for it,
// and no way back past the neutral screen before the vault is locked. A real vault (IndexedDB,
// libsodium) under stand-ins for the circles and journal.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { Hearth } from '../../src-renderer/app/hearth';
import type { Circles } from '../../src-renderer/services/circles/circles';
import type { DesktopApp } from '../../src-renderer/services/desktop/desktop-app';
import type { IceSettings } from '../../src-renderer/services/network/ice-settings';
import type { Journal } from '../../src-renderer/services/journal/journal';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault } from '../../src-renderer/services/vault/vault';
import { isQuickExitKey, quickExitKeys } from '../../src-renderer/features/safety/quick-exit-keys';
import { quickDeriveKek } from '../support/quick-kdf';

const PASS = 'correct horse battery staple';
const key = (k: Partial<Parameters<typeof isQuickExitKey>[0]>) =>
  isQuickExitKey({
    key: 'x',
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...k,
  });

beforeAll(async () => {
  await loadSodium();
});

describe('the quick-exit shortcut', () => {
  it.each([
    ['Ctrl+Shift+X', { key: 'X', code: 'KeyX', ctrlKey: true, shiftKey: true }, true],
    ['⌘ Shift X', { key: 'x', code: 'KeyX', metaKey: true, shiftKey: true }, true],
    [
      'a layout where X is elsewhere (code KeyX)',
      { key: 'ч', code: 'KeyX', ctrlKey: true, shiftKey: true },
      true,
    ],
    ['Ctrl+X (cut)', { key: 'x', code: 'KeyX', ctrlKey: true }, false],
    ['Shift+X (a capital X)', { key: 'X', code: 'KeyX', shiftKey: true }, false],
    [
      'Ctrl+Alt+Shift+X',
      { key: 'X', code: 'KeyX', ctrlKey: true, shiftKey: true, altKey: true },
      false,
    ],
    ['Ctrl+Shift+C', { key: 'C', code: 'KeyC', ctrlKey: true, shiftKey: true }, false],
  ])('%s', (_name, press, expected) => {
    expect(key(press)).toBe(expected);
  });

  it('is named for the platform', () => {
    expect(quickExitKeys('darwin')).toEqual({ label: '⌘ Shift X', aria: 'Meta+Shift+X' });
    expect(quickExitKeys('linux')).toEqual({ label: 'Ctrl+Shift+X', aria: 'Control+Shift+X' });
  });
});

/** The facade over a real, unlocked vault; circles that take a while to close, counted. */
async function unlockedApp() {
  const vault = new Vault(new HearthDb(`quick-exit-${Math.random()}`), quickDeriveKek);
  await vault.create(PASS, () => {});
  const counts = { closeAll: 0, hidden: 0, emits: 0 };
  let finishClosing: () => void = () => {};
  const circles = {
    subscribe: () => () => {},
    emit: () => void counts.emits++,
    openAll: async () => {},
    closeAll: () => {
      counts.closeAll++;
      return new Promise<void>((done) => (finishClosing = done));
    },
  } as unknown as Circles;
  const journal = { open: async () => {}, close: () => {} } as unknown as Journal;
  const desktop = {
    hideWindow: () => void counts.hidden++,
    onLocked: () => {},
    onUnlocked: () => {},
  } as unknown as DesktopApp;
  const network = { load: async () => {}, forget: () => {} } as unknown as IceSettings;
  const app = new Hearth({
    vault,
    circles,
    journal,
    network,
    desktop,
    notices: null,
    hostInfo: { platform: 'linux', appVersion: '0' },
  });
  await app.init();
  await app.unlock(PASS);
  return { app, vault, counts, finishClosing: () => finishClosing() };
}

describe('quick exit in the app', () => {
  it('shows the neutral screen at once, hides the window, and locks once though the menu asks too', async () => {
    const { app, vault, counts, finishClosing } = await unlockedApp();
    expect(app.vaultPhase()).toBe('unlocked');
    const emitsBefore = counts.emits;
    app.quickExit();
    // Synchronously: the screens re-render to the neutral one in the same event.
    expect(app.quickExited()).toBe(true);
    expect(counts.emits).toBeGreaterThan(emitsBefore);
    expect(counts.hidden).toBe(1);
    // The desktop menu's accelerator sends a lock request at the same moment.
    const menuLock = app.lock();
    expect(counts.closeAll).toBe(1);
    finishClosing();
    await menuLock;
    expect(app.vaultPhase()).toBe('locked');
    expect(() => vault.sealJson({ a: 1 }, 'test')).toThrow();
  });

  it('leaving the neutral screen waits for the lock: no way back to open circles', async () => {
    const { app, finishClosing } = await unlockedApp();
    app.quickExit();
    let left = false;
    const leaving = app.leaveNeutralScreen().then(() => (left = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(left).toBe(false);
    expect(app.quickExited()).toBe(true);
    finishClosing();
    await leaving;
    expect(app.quickExited()).toBe(false);
    expect(app.vaultPhase()).toBe('locked');
  });
});
