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
    expect(parseStoredSettings(null).settings).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('{not json').settings).toEqual(DEFAULT_SETTINGS);
    expect(parseStoredSettings('[1,2]').settings).toEqual(DEFAULT_SETTINGS);
    const mixed = parseStoredSettings(
      JSON.stringify({
        settings: {
          trayIcon: true,
          autoLockMinutes: 'never',
          signalingUrls: ['javascript:alert(1)'],
          __proto__: { notificationPreviews: true },
        },
        knownSignalingUrls: ['ws://ok.example', 'file:///x'],
      }),
    );
    expect(mixed.settings).toEqual({ ...DEFAULT_SETTINGS, trayIcon: true });
    expect(mixed.knownSignalingUrls).toEqual([]); // one bad entry spoils the list: start clean
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

  it('remembers learned signaling servers once each, newest kept when full', async () => {
    const store = new SettingsStore({ read: async () => null, write: async () => {} });
    expect(await store.rememberSignalingUrls(['ws://a:1', 'ws://a:1'])).toEqual(['ws://a:1']);
    expect(await store.rememberSignalingUrls(['ws://a:1'])).toEqual([]);
    for (let i = 0; i < 70; i++) await store.rememberSignalingUrls([`ws://h${i}:1`]);
    expect(store.knownSignalingUrls).toHaveLength(64);
    expect(store.knownSignalingUrls.at(-1)).toBe('ws://h69:1');
  });
});
