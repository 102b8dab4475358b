// What the desktop shell keeps for the user: which OS keychain backends may wrap the vault key,
// and the settings file, which gives private defaults whatever state it is found in.
import { describe, expect, it } from 'vitest';
import { KeychainError } from '../../src-shared/ipc/contract';
import {
  checkUnwrap,
  keychainStatus,
  keyFromKeychainText,
  keyToKeychainText,
  type KeychainFacts,
} from '../../src-main/keychain';
import { DEFAULT_SETTINGS, parseStoredSettings, SettingsStore } from '../../src-main/settings';
import { LIBSECRET } from '../support/fake-main-ipc';

describe('keychain backend decisions', () => {
  it.each([
    ['libsecret', LIBSECRET, true, 'ok'],
    [
      'kwallet6',
      { platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet6' },
      true,
      'ok',
    ],
    [
      'basic_text (a fixed, public password)',
      { platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' },
      false,
      'plaintext-backend',
    ],
    [
      'unknown (asked too early)',
      { platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' },
      false,
      'plaintext-backend',
    ],
    [
      'a backend we do not know',
      { platform: 'linux', encryptionAvailable: true, linuxBackend: 'rot13' },
      false,
      'plaintext-backend',
    ],
    [
      'no encryption at all',
      { platform: 'linux', encryptionAvailable: false, linuxBackend: 'gnome_libsecret' },
      false,
      'unavailable',
    ],
    ['macOS', { platform: 'darwin', encryptionAvailable: true }, true, 'ok'],
    ['Windows', { platform: 'win32', encryptionAvailable: true }, true, 'ok'],
    ['another OS', { platform: 'freebsd', encryptionAvailable: true }, false, 'unavailable'],
  ] as Array<[string, KeychainFacts, boolean, string]>)('%s', (_name, facts, usable, reason) => {
    expect(keychainStatus(facts)).toMatchObject({ usable, reason });
  });

  it('unwraps only under the backend that wrapped', () => {
    expect(checkUnwrap('gnome_libsecret', LIBSECRET)).toEqual({
      ok: true,
      value: 'gnome_libsecret',
    });
    expect(checkUnwrap('kwallet5', LIBSECRET)).toEqual({ ok: false, error: KeychainError.changed });
    expect(checkUnwrap('gnome_libsecret', { ...LIBSECRET, linuxBackend: 'basic_text' })).toEqual({
      ok: false,
      error: KeychainError.changed,
    });
    expect(checkUnwrap('gnome_libsecret', { ...LIBSECRET, encryptionAvailable: false })).toEqual({
      ok: false,
      error: KeychainError.unavailable,
    });
    expect(checkUnwrap('macos-keychain', { platform: 'win32', encryptionAvailable: true })).toEqual(
      { ok: false, error: KeychainError.changed },
    );
  });

  it('key text round-trips and refuses anything else', () => {
    const key = new Uint8Array(32).map((_, i) => 255 - i);
    expect(keyFromKeychainText(keyToKeychainText(key))).toEqual(key);
    for (const junk of [
      '',
      'hearth-vault-key:v1:',
      'hearth-vault-key:v1:!!!!',
      'hearth-vault-key:v2:AAAA',
      null,
      42,
      `hearth-vault-key:v1:${'A'.repeat(200)}`,
    ]) {
      expect(keyFromKeychainText(junk)).toBeNull();
    }
  });
});

describe('settings file', () => {
  it('a missing, damaged or hostile file gives defaults, field by field', () => {
    expect(parseStoredSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('[1,2]')).toEqual(DEFAULT_SETTINGS);
    const mixed = parseStoredSettings(
      JSON.stringify({
        settings: {
          trayIcon: true,
          autoLockMinutes: 'never',
          signalingUrls: ['javascript:alert(1)'],
          __proto__: { notificationPreviews: true },
        },
      }),
    );
    expect(mixed).toEqual({ ...DEFAULT_SETTINGS, trayIcon: true });
  });

  it('defaults are the private ones: no message previews, auto-lock on, LAN server on', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      notificationPreviews: false,
      embeddedSignaling: true,
    });
    expect(DEFAULT_SETTINGS.autoLockMinutes).toBeGreaterThan(0);
  });

  it('a failed write keeps the old settings in memory, like on disk', async () => {
    const store = new SettingsStore({
      read: async () => null,
      write: async () => {
        throw new Error('disk full');
      },
    });
    await store.load();
    await expect(store.update({ trayIcon: true })).rejects.toThrow('disk full');
    expect(store.settings.trayIcon).toBe(false);
  });
});

describe('settings.json names no server the app learned (attack: read the disk, locked)', () => {
  // What an older version wrote: learned servers, members' LAN addresses among them.
  const LEARNED = [
    'ws://192.168.1.37:4444',
    'wss://circle-signal.example.net/x',
    'ws://[fd00::5]:9',
  ];
  const HOSTS = ['192.168.1.37', 'circle-signal.example.net', 'fd00::5'];
  const oldFile = JSON.stringify({
    settings: { ...DEFAULT_SETTINGS, trayIcon: true, signalingUrls: ['wss://mine.example.org'] },
    knownSignalingUrls: LEARNED,
  });

  const disk = (initial: string | null) => {
    const writes: string[] = [];
    const store = new SettingsStore({
      read: async () => initial,
      write: async (text) => void writes.push(text),
    });
    return { store, writes };
  };

  it('an old file with learned servers is written again at load, without them', async () => {
    const { store, writes } = disk(oldFile);
    await store.load();
    expect(writes).toHaveLength(1);
    for (const host of HOSTS) expect(writes[0]).not.toContain(host);
    expect(writes[0]).not.toContain('knownSignalingUrls');
    // The user's own settings survive the rewrite, the server they typed in among them.
    expect(JSON.parse(writes[0]!)).toEqual({
      settings: { ...DEFAULT_SETTINGS, trayIcon: true, signalingUrls: ['wss://mine.example.org'] },
    });
    expect(store.settings.trayIcon).toBe(true);
  });

  it('a file as this version writes it is not written again', async () => {
    const first = disk(oldFile);
    await first.store.load();
    const again = disk(first.writes[0]!);
    await again.store.load();
    expect(again.writes).toEqual([]);
  });

  it('no write of the app holds a learned server, whatever the page asks of main', async () => {
    const { store, writes } = disk(oldFile);
    await store.load();
    await store.update({ autoLockMinutes: 5 });
    await store.update({ notifications: false, embeddedSignaling: false });
    // A patch cannot smuggle the old field back in: it is refused and nothing is written.
    await expect(store.update({ knownSignalingUrls: LEARNED })).rejects.toThrow();
    expect(writes).toHaveLength(3);
    for (const text of writes) for (const host of HOSTS) expect(text).not.toContain(host);
  });
});
