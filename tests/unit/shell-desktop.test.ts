// The renderer's half of the desktop shell: keychain unlock end to end through a real vault
// (fake IndexedDB) and a fake main, notifications that stay quiet about content, join links
// and signaling reports. Written as attacks where there is an attacker: a swapped keychain,
// a wrong key, a burst of history.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { quickDeriveKek } from '../support/quick-kdf';
import {
  KeychainError,
  type KeychainStatus,
  type KeychainWrapped,
  type MessageNotice,
  type Result,
  type ShellState,
} from '../../src-shared/ipc/contract';
import { DesktopApp, RELOADED_NOTICE } from '../../src-renderer/services/desktop/desktop-app';
import {
  KEYCHAIN_CHANGED_NOTICE,
  keychainRefusal,
} from '../../src-renderer/services/desktop/keychain-text';
import type { DesktopHost } from '../../src-renderer/host/host-bridge';
import {
  KNOCK_NOTICE,
  MessageWatch,
  NOTICE_GAP_MS,
} from '../../src-renderer/services/desktop/message-watch';
import type { CircleSummary, CircleView } from '../../src-renderer/services/types';
import { HearthDb } from '../../src-renderer/services/storage/db';
import { Vault, type DeriveKek } from '../../src-renderer/services/vault/vault';
import { ListSnapshot } from '../../src-shared/list-snapshot';

const deriveKek: DeriveKek = quickDeriveKek;
const PASS = 'a calm evening walk';

beforeAll(async () => {
  await loadSodium();
});

const SHELL: ShellState = {
  settings: {
    embeddedSignaling: true,
    signalingUrls: [],
    notifications: true,
    notificationPreviews: false,
    autoLockMinutes: 10,
    trayIcon: false,
  },
  lanSignalingUrls: ['ws://192.168.1.20:4444'],
};

/** A fake main: a keychain that XORs with a per-"login" byte, switchable to another backend. */
function fakeHost() {
  const state = {
    backend: 'gnome_libsecret',
    secret: 0x5a,
    usable: true,
    notices: [] as MessageNotice[],
    allowed: [] as Array<{ urls: string[]; reload: boolean }>,
    forgotten: 0,
    hidden: 0,
  };
  const status = (): KeychainStatus =>
    state.usable
      ? { usable: true, backend: state.backend, reason: 'ok' }
      : { usable: false, backend: 'basic_text', reason: 'plaintext-backend' };
  const host: DesktopHost = {
    shellState: async () => SHELL,
    updateSettings: async (patch) => ({ ...SHELL, settings: { ...SHELL.settings, ...patch } }),
    keychainStatus: async () => status(),
    wrapKey: async (key): Promise<KeychainWrapped> => ({
      wrapped: key.map((b) => b ^ state.secret),
      backend: state.backend,
    }),
    unwrapKey: async (stored): Promise<Result<Uint8Array>> =>
      stored.backend !== state.backend
        ? { ok: false, error: KeychainError.changed }
        : { ok: true, value: stored.wrapped.map((b) => b ^ state.secret) },
    openExternal: async () => true,
    // The loaded page covers only the LAN server.
    allowSignalingUrls: async (urls, reload) => {
      state.allowed.push({ urls, reload });
      const covered = urls.every((u) => u.startsWith('ws://192.168.1.20:4444'));
      return { covered, reloading: reload && !covered };
    },
    forgetSignalingUrls: async () => {
      state.forgotten++;
    },
    notifyNewMessage: async (notice) => {
      state.notices.push(notice);
      return true;
    },
    notifyCheckIn: async () => true,
    hideWindow: async () => {
      state.hidden++;
    },
    showUnreadCount: async () => {},
  };
  return { host, state };
}

async function unlockedVault(): Promise<{ vault: Vault; db: HearthDb }> {
  const db = new HearthDb('shell-' + Math.random().toString(36).slice(2));
  const vault = new Vault(db, deriveKek);
  await vault.create(PASS, () => {});
  return { vault, db };
}

describe('keychain unlock through a real vault', () => {
  it('turning it on stores a wrapped key; the next start opens the vault with it', async () => {
    const { vault, db } = await unlockedVault();
    const sealed = vault.sealJson({ hello: 'world' }, 'test:1');
    const { host } = fakeHost();
    const desktop = new DesktopApp(host, vault, () => {});
    await desktop.setKeychainUnlock(true);
    expect(desktop.snapshot().keychainUnlock).toBe(true);
    vault.lock();

    const nextStart = new Vault(db, deriveKek);
    const again = new DesktopApp(host, nextStart, () => {});
    expect(await again.unlockWithKeychain((key) => nextStart.unlockWithKey(key))).toBe(true);
    expect(nextStart.openJson(sealed, 'test:1')).toEqual({ hello: 'world' });
  });

  it('the stored row holds only what the keychain returned, never the vault key itself', async () => {
    const { vault } = await unlockedVault();
    const key = (vault as unknown as { key: Uint8Array }).key.slice();
    await new DesktopApp(fakeHost().host, vault, () => {}).setKeychainUnlock(true);
    const row = (await vault.keychainWrap())!;
    expect(Buffer.from(row.wrapped).equals(Buffer.from(key))).toBe(false);
    expect(Buffer.from(row.wrapped).includes(Buffer.from(key))).toBe(false);
    expect(Buffer.from(row.check).includes(Buffer.from(key))).toBe(false);
    // Handing a copy to main: wrapping must not zero or alias the live key.
    expect((vault as unknown as { key: Uint8Array }).key).toEqual(key);
  });

  it('refuses to turn on under a plaintext keychain, saying why', async () => {
    const { vault } = await unlockedVault();
    const { host, state } = fakeHost();
    state.usable = false;
    const desktop = new DesktopApp(host, vault, () => {});
    await expect(desktop.setKeychainUnlock(true)).rejects.toThrow(/plain-text store/);
    expect(await vault.keychainWrap()).toBeNull();
    expect(keychainRefusal({ usable: true, backend: 'x', reason: 'ok' })).toBeNull();
  });

  it('a changed keychain backend falls back to the passphrase with a clear message, and forgets the stale key', async () => {
    const { vault, db } = await unlockedVault();
    const { host, state } = fakeHost();
    await new DesktopApp(host, vault, () => {}).setKeychainUnlock(true);
    vault.lock();
    state.backend = 'kwallet6';
    const nextStart = new Vault(db, deriveKek);
    const desktop = new DesktopApp(host, nextStart, () => {});
    expect(await desktop.unlockWithKeychain((key) => nextStart.unlockWithKey(key))).toBe(false);
    expect(nextStart.unlocked).toBe(false);
    expect(desktop.snapshot().notice).toBe(KEYCHAIN_CHANGED_NOTICE);
    expect(await nextStart.keychainWrap()).toBeNull();
    await nextStart.unlock(PASS, () => {}); // the passphrase still works
    expect(nextStart.unlocked).toBe(true);
    desktop.onUnlocked();
    expect(desktop.snapshot().notice).toBeNull(); // said once, not again at the next lock
  });

  it('a keychain that hands back the wrong key (same backend, new login secret) never unlocks', async () => {
    const { vault, db } = await unlockedVault();
    const { host, state } = fakeHost();
    await new DesktopApp(host, vault, () => {}).setKeychainUnlock(true);
    vault.lock();
    state.secret = 0x33;
    const nextStart = new Vault(db, deriveKek);
    const desktop = new DesktopApp(host, nextStart, () => {});
    expect(await desktop.unlockWithKeychain((key) => nextStart.unlockWithKey(key))).toBe(false);
    expect(nextStart.unlocked).toBe(false);
    expect(desktop.snapshot().notice).toBe(KEYCHAIN_CHANGED_NOTICE);
  });

  it('turning it off removes the wrapped key', async () => {
    const { vault } = await unlockedVault();
    const desktop = new DesktopApp(fakeHost().host, vault, () => {});
    await desktop.setKeychainUnlock(true);
    await desktop.setKeychainUnlock(false);
    expect(await vault.keychainWrap()).toBeNull();
    expect(
      await desktop.unlockWithKeychain(async () => {
        throw new Error('must not be called');
      }),
    ).toBe(false);
  });
});

describe('notifications from the renderer', () => {
  const circle = (last: { id: string; author: string; text: string } | null, knocks = 0) => [
    {
      localId: 'c1',
      circleName: 'Grief circle',
      myKey: 'me',
      blocked: new Set<string>(),
      last,
      knocks,
    },
  ];

  it('a facilitator is told, without a name, when someone new knocks', () => {
    const watch = new MessageWatch();
    expect(watch.update(circle(null, 0), 0)).toEqual([]);
    expect(watch.update(circle(null, 1), 10_000)).toEqual([
      { circleName: 'Grief circle', text: KNOCK_NOTICE },
    ]);
    expect(watch.update(circle(null, 1), 20_000)).toEqual([]);
    expect(watch.update(circle(null, 0), 30_000)).toEqual([]);
  });

  it('history seen at unlock is not news; a new message from someone else is, once', () => {
    const watch = new MessageWatch();
    expect(watch.update(circle({ id: 'm1', author: 'ann', text: 'old' }), 0)).toEqual([]);
    expect(watch.update(circle({ id: 'm2', author: 'ann', text: 'new' }), 10_000)).toEqual([
      { circleName: 'Grief circle', text: 'new' },
    ]);
    expect(watch.update(circle({ id: 'm2', author: 'ann', text: 'new' }), 20_000)).toEqual([]);
    expect(watch.update(circle({ id: 'm3', author: 'me', text: 'mine' }), 30_000)).toEqual([]);
  });

  it('a burst (catch-up) makes one notification per quiet period', () => {
    const watch = new MessageWatch();
    watch.update(circle(null), 0);
    let shown = 0;
    for (let i = 0; i < 100; i++)
      shown += watch.update(
        circle({ id: `m${i}`, author: 'ann', text: 'x' }),
        1_000 + i * 10,
      ).length;
    expect(shown).toBe(1);
    expect(
      watch.update(circle({ id: 'late', author: 'ann', text: 'x' }), 1_000 + NOTICE_GAP_MS + 1_000),
    ).toHaveLength(1);
  });

  it('without previews allowed, no circle name or text leaves the renderer', async () => {
    const { vault } = await unlockedVault();
    const { host, state } = fakeHost();
    const desktop = new DesktopApp(host, vault, () => {});
    await desktop.load();
    const summaries = [{ localId: 'c1', name: 'Grief circle', myKey: 'me' }] as CircleSummary[];
    const view = (text: string, id: string) =>
      ({
        signalingUrls: ['ws://10.0.0.7:4444'],
        messages: ListSnapshot.of([{ id, author: 'ann', ts: 1, text }]),
        knocks: [],
        blocked: new Set(),
      }) as unknown as CircleView;
    desktop.onCirclesChanged(summaries, () => view('old', 'm1'));
    desktop.onCirclesChanged(summaries, () => view('I relapsed last night', 'm2'));
    await Promise.resolve();
    expect(state.notices).toEqual([{ circleName: '', text: '' }]);
    // The circle's signaling server was reported once, without a reload.
    expect(state.allowed).toEqual([{ urls: ['ws://10.0.0.7:4444'], reload: false }]);
    // Locking tells main to forget it; the next unlock hands it over again.
    desktop.onLocked();
    expect(state.forgotten).toBe(1);
    desktop.onCirclesChanged(summaries, () => view('I relapsed last night', 'm2'));
    await Promise.resolve();
    expect(state.allowed).toHaveLength(2);
  });
});

describe('settings changes', () => {
  it('turning the LAN server on at a new address says this window reaches it after a restart', async () => {
    const { vault } = await unlockedVault();
    const { host } = fakeHost();
    host.updateSettings = async (patch) => ({
      ...SHELL,
      settings: { ...SHELL.settings, ...patch },
      lanSignalingUrls: ['ws://192.168.1.20:51000'],
    });
    let refreshed = 0;
    const desktop = new DesktopApp(
      host,
      vault,
      () => {},
      null,
      async () => void refreshed++,
    );
    await desktop.updateSettings({ embeddedSignaling: true });
    expect(desktop.snapshot().lanNeedsRestart).toBe(true);
    expect(refreshed).toBe(1);
    host.updateSettings = async (patch) => ({
      ...SHELL,
      settings: { ...SHELL.settings, ...patch },
    });
    await desktop.updateSettings({ embeddedSignaling: true });
    expect(desktop.snapshot().lanNeedsRestart).toBe(false);
  });
});

describe('join links and reload notices', () => {
  it('a Settings request from the menu waits until followed, once', async () => {
    const { vault } = await unlockedVault();
    const desktop = new DesktopApp(fakeHost().host, vault, () => {});
    desktop.requestSettings();
    expect(desktop.snapshot().settingsRequested).toBe(true);
    desktop.clearSettingsRequest();
    expect(desktop.snapshot().settingsRequested).toBe(false);
  });

  it('a link waits in the snapshot until the join page takes it', async () => {
    const { vault } = await unlockedVault();
    let changes = 0;
    const desktop = new DesktopApp(fakeHost().host, vault, () => changes++);
    desktop.receiveJoinLink('hearth1abc');
    expect(desktop.snapshot().joinLink).toBe('hearth1abc');
    desktop.clearJoinLink();
    expect(desktop.snapshot().joinLink).toBeNull();
    expect(changes).toBe(2);
  });

  it('a server the page already reaches needs no lock and no reload', async () => {
    const { vault } = await unlockedVault();
    const { host, state } = fakeHost();
    let locked = false;
    await new DesktopApp(host, vault, () => {}).allowSignaling(
      ['ws://192.168.1.20:4444/x'],
      async () => void (locked = true),
    );
    expect(locked).toBe(false);
    expect(state.allowed).toEqual([{ urls: ['ws://192.168.1.20:4444/x'], reload: false }]);
  });

  it('a new server: the app locks (writing everything out) before main reloads the window', async () => {
    const { vault } = await unlockedVault();
    const { host, state } = fakeHost();
    const order: string[] = [];
    const original = host.allowSignalingUrls;
    host.allowSignalingUrls = async (urls, reload) => {
      order.push(reload ? 'reload' : 'ask');
      return original(urls, reload);
    };
    await new DesktopApp(host, vault, () => {}).allowSignaling(
      ['ws://10.0.0.9:4444'],
      async () => void order.push('lock'),
    );
    expect(order).toEqual(['ask', 'lock', 'reload']);
    expect(state.allowed.at(-1)).toEqual({ urls: ['ws://10.0.0.9:4444'], reload: true });
  });

  it('a reload for a new signaling server explains itself on the unlock screen, once', async () => {
    const { vault } = await unlockedVault();
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    await new DesktopApp(fakeHost().host, vault, () => {}, storage).allowSignaling(
      ['ws://10.0.0.9:4444'],
      async () => {},
    );
    const afterReload = new DesktopApp(fakeHost().host, vault, () => {}, storage);
    await afterReload.load();
    expect(afterReload.snapshot().notice).toBe(RELOADED_NOTICE);
    const later = new DesktopApp(fakeHost().host, vault, () => {}, storage);
    await later.load();
    expect(later.snapshot().notice).toBeNull();
  });
});
