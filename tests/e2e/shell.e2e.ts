// The desktop shell's renderer side in real Chromium. Electron cannot start here, so the
// second test puts a stand-in for the preload's `window.hearth` into the page (same contract,
// answers kept in the page's own storage, like main's settings.json): everything from the
// Electron host adapter up (settings page, keychain unlock at start, join links, the menu's
// Settings and Lock) runs for real. Main's half is covered by tests/unit/main-*.test.ts.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);
const launch = (name: string): Promise<Peer> => pool.launch(name);

afterEach(() => pool.disposeAll());

/**
 * A stand-in for the preload bridge, installed before the page's scripts run. It keeps its
 * state in localStorage (main keeps settings.json), "wraps" keys with a fixed XOR (safeStorage
 * stands in), and exposes emit() so the test can play main's events.
 */
function installFakeBridge(): void {
  type Listener = (...args: unknown[]) => void;
  const listeners: Record<string, Listener[]> = {};
  const on = (channel: string, cb: Listener) => {
    (listeners[channel] ??= []).push(cb);
    return () => {
      listeners[channel] = (listeners[channel] ?? []).filter((l) => l !== cb);
    };
  };
  const load = () =>
    JSON.parse(localStorage.getItem('fake-main') ?? 'null') ?? {
      settings: {
        embeddedSignaling: true,
        signalingUrls: [],
        notifications: true,
        notificationPreviews: false,
        autoLockMinutes: 10,
        trayIcon: false,
      },
      calls: [],
    };
  const save = (state: unknown) => localStorage.setItem('fake-main', JSON.stringify(state));
  const answer = async (name: string, value: unknown) => {
    const state = load();
    state.calls.push(name);
    save(state);
    return { ok: true, value };
  };
  const shellState = () => ({
    settings: load().settings,
    lanSignalingUrls: ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'],
  });
  const xor = (bytes: Uint8Array) => bytes.map((b) => b ^ 0x5a);
  (window as unknown as { hearth: unknown }).hearth = {
    getHostInfo: () =>
      answer('getHostInfo', { platform: 'linux', appVersion: '0.1.0', signalingUrls: [] }),
    saveExport: () => answer('saveExport', true),
    printToPdf: () => answer('printToPdf', true),
    getShellState: () => answer('getShellState', shellState()),
    updateShellSettings: (patch: Record<string, unknown>) => {
      const state = load();
      state.settings = { ...state.settings, ...patch };
      save(state);
      return answer('updateShellSettings', shellState());
    },
    getKeychainStatus: () =>
      answer('getKeychainStatus', { usable: true, backend: 'gnome_libsecret', reason: 'ok' }),
    wrapWithKeychain: (key: Uint8Array) =>
      answer('wrapWithKeychain', { wrapped: xor(key), backend: 'gnome_libsecret' }),
    unwrapWithKeychain: (stored: { wrapped: Uint8Array }) =>
      answer('unwrapWithKeychain', xor(stored.wrapped)),
    openExternal: () => answer('openExternal', false),
    allowSignalingUrls: () => answer('allowSignalingUrls', { covered: true, reloading: false }),
    forgetSignalingUrls: () => answer('forgetSignalingUrls', true),
    takeJoinLink: () => answer('takeJoinLink', null),
    notifyNewMessage: () => answer('notifyNewMessage', false),
    notifyCheckIn: () => answer('notifyCheckIn', false),
    savedBeforeClose: () => answer('savedBeforeClose', true),
    hideWindow: () => answer('hideWindow', true),
    showUnreadCount: (count: number) => answer(`showUnreadCount:${count}`, true),
    onLockRequested: (cb: Listener) => on('lock', cb),
    onJoinLinkOpened: (cb: Listener) => on('join', cb),
    onSettingsRequested: (cb: Listener) => on('settings', cb),
    onSaveRequested: (cb: Listener) => on('save', cb),
  };
  (window as unknown as { fakeMain: unknown }).fakeMain = {
    emit: (channel: string, ...args: unknown[]) =>
      (listeners[channel] ?? []).forEach((cb) => cb(...args)),
    state: load,
  };
}

const emit = (peer: Peer, channel: string, ...args: unknown[]) =>
  peer.page.evaluate(
    ([c, a]) =>
      (window as unknown as { fakeMain: { emit(c: string, ...a: unknown[]): void } }).fakeMain.emit(
        c,
        ...a,
      ),
    [channel, args] as const,
  );

describe('desktop shell, renderer side', () => {
  it('in a browser, Settings opens from the sidebar by keyboard, hides desktop-only settings and has its own notifications', async () => {
    const ann = await launch('ann');
    await ann.createVault();
    await ann.page.getByTestId('open-settings').focus();
    await ann.page.keyboard.press('Enter');
    await expect.poll(() => ann.page.getByTestId('settings').isVisible()).toBe(true);
    expect(await ann.page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    expect(await ann.page.getByTestId('settings-browser-note').isVisible()).toBe(true);
    // The browser build has its own notifications section (the browser's permission).
    expect(await ann.page.getByTestId('settings-notifications').isVisible()).toBe(true);
    for (const desktopOnly of ['settings-keychain', 'settings-locking', 'settings-signaling']) {
      expect(await ann.page.getByTestId(desktopOnly).count(), desktopOnly).toBe(0);
    }
    await ann.expectAccessible('settings (browser)');
    await ann.page.getByTestId('settings-done').click();
    await expect.poll(() => ann.page.getByTestId('settings').count()).toBe(0);
  });

  it('with the desktop bridge: settings, keychain unlock at the next start, join links, menu events', async () => {
    const ben = await launch('ben');
    await ben.page.context().addInitScript(installFakeBridge);
    await ben.page.reload();
    await ben.createVault();

    // The menu's "Settings…" opens the page; every desktop group is there and accessible.
    await emit(ben, 'settings');
    await expect.poll(() => ben.page.getByTestId('settings-keychain').isVisible()).toBe(true);
    expect(await ben.page.getByTestId('lan-addresses').textContent()).toContain(
      'ws://192.168.1.20:4444',
    );
    expect(await ben.page.getByTestId('setting-previews').isChecked()).toBe(false);
    await ben.expectAccessible('settings (desktop)');

    // Changes reach "main".
    await ben.page.getByTestId('setting-auto-lock').selectOption('5');
    await ben.page.getByTestId('setting-add-server').fill('http://not-a-signaling-server');
    await ben.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => ben.page.getByRole('alert').textContent()).toMatch(/wss:\/\//);
    await ben.page.getByTestId('setting-add-server').fill('wss://signal.example.org');
    await ben.page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect
      .poll(() =>
        ben.page.getByRole('button', { name: 'Remove wss://signal.example.org' }).isVisible(),
      )
      .toBe(true);
    const settings = await ben.page.evaluate(
      () =>
        (
          window as unknown as { fakeMain: { state(): { settings: Record<string, unknown> } } }
        ).fakeMain.state().settings,
    );
    expect(settings).toMatchObject({
      autoLockMinutes: 5,
      signalingUrls: ['wss://signal.example.org'],
    });

    // Keychain unlock: on, then a restart opens Hearth without the passphrase.
    // click, not check(): the box follows main's answer, which arrives a moment later.
    await ben.page.getByTestId('setting-keychain').click();
    await expect.poll(() => ben.page.getByTestId('setting-keychain').isChecked()).toBe(true);
    await ben.page.reload();
    await expect
      .poll(() => ben.page.getByTestId('new-circle').isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await ben.page.getByTestId('passphrase').count()).toBe(0);

    // A hearth://join/ link opens the join form with its code filled in.
    const code = `hearth1${'A'.repeat(60)}`;
    await emit(ben, 'join', code);
    await expect.poll(() => ben.page.getByTestId('join-code').inputValue()).toBe(code);

    // Lock from the menu (or quick exit, or idle): back to the unlock screen, which does not
    // reopen by itself but offers the keychain.
    await emit(ben, 'lock');
    await expect.poll(() => ben.page.getByTestId('passphrase').isVisible()).toBe(true);
    // Locked, the page has told main to forget the signaling servers it handed over.
    const calls = () =>
      ben.page.evaluate(
        () =>
          (window as unknown as { fakeMain: { state(): { calls: string[] } } }).fakeMain.state()
            .calls,
      );
    await expect.poll(calls).toContain('forgetSignalingUrls');
    await ben.expectAccessible('unlock screen with keychain');
    await ben.page.getByTestId('keychain-unlock').click();
    await expect
      .poll(() => ben.page.getByTestId('new-circle').isVisible(), { timeout: 20_000 })
      .toBe(true);
    // The menu's earlier Settings request was followed once, not again after unlocking.
    expect(await ben.page.getByTestId('settings').count()).toBe(0);

    // The window closing: the page writes out what it holds, then lets main close it.
    expect(await calls()).not.toContain('savedBeforeClose');
    await emit(ben, 'save');
    await expect.poll(calls).toContain('savedBeforeClose');

    // Quick exit from the page: main hides the window, the page shows a neutral screen and locks.
    await ben.page.getByTestId('quick-exit').click();
    await expect.poll(calls).toContain('hideWindow');
    expect(await ben.page.getByTestId('neutral-screen').isVisible()).toBe(true);
    // The dock and tray were told a number only, and nothing once the neutral screen showed.
    expect((await calls()).filter((c) => c.startsWith('showUnreadCount')).at(-1)).toBe(
      'showUnreadCount:0',
    );
    expect(await ben.page.title()).toBe('Notes');
  });
});
