// What the desktop shell's IPC channels do with valid calls: exports, the PDF, settings, the
// keychain, external links, signaling servers, join links and notifications. Electron is never
// loaded: main.ts's ports are faked through the one seam (tests/support/fake-main-ipc.ts).
import { describe, expect, it } from 'vitest';
import { KeychainError } from '../../src-shared/ipc/contract';
import { DEFAULT_SETTINGS } from '../../src-main/settings';
import { APP_PAGE, CODE, fakeMainIpc, VALID } from '../support/fake-main-ipc';

describe('IPC: what valid calls do', () => {
  it('saveExport writes exactly the bytes to the chosen path; cancel writes nothing', async () => {
    const { handlers, files } = fakeMainIpc();
    expect(await handlers.saveExport(APP_PAGE, VALID.saveExport)).toEqual({
      ok: true,
      value: true,
    });
    expect([...files.get('/home/me/Documents/hearth-journal-2026-11-24.md')!]).toEqual([104, 105]);

    const cancelled = fakeMainIpc({ chooseSavePath: async () => null });
    expect(await cancelled.handlers.saveExport(APP_PAGE, VALID.saveExport)).toEqual({
      ok: true,
      value: false,
    });
    expect(cancelled.files.size).toBe(0);
  });

  it('a failed write is a calm message, not a stack trace', async () => {
    const { handlers } = fakeMainIpc({
      writeFile: async () => {
        throw new Error('EACCES: /root/secret');
      },
    });
    const reply = await handlers.saveExport(APP_PAGE, VALID.saveExport);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).not.toMatch(/EACCES|secret/);
  });

  it('printToPdf renders before asking where to save, and saves the PDF bytes', async () => {
    const { handlers, calls, files } = fakeMainIpc();
    expect(await handlers.printToPdf(APP_PAGE, VALID.printToPdf)).toEqual({
      ok: true,
      value: true,
    });
    expect(calls).toEqual(['renderPdf', 'chooseSavePath', 'writeFile']);
    expect(new TextDecoder().decode(files.get('/home/me/Documents/hearth-journal.pdf'))).toBe(
      '%PDF',
    );
  });

  it('settings: a valid patch is stored and applied; an invalid value changes nothing', async () => {
    const { handlers, calls, settings, stored } = fakeMainIpc();
    const reply = await handlers.updateShellSettings(APP_PAGE, [
      { embeddedSignaling: false, signalingUrls: ['wss://s.example', 'wss://s.example'] },
    ]);
    expect(reply.ok && reply.value.settings.embeddedSignaling).toBe(false);
    expect(settings.settings.signalingUrls).toEqual(['wss://s.example']);
    expect(calls).toEqual(['applySettings']);
    expect(JSON.parse(stored()).settings.embeddedSignaling).toBe(false);
    for (const bad of [
      { autoLockMinutes: -1 },
      { autoLockMinutes: 241 },
      { autoLockMinutes: 1.5 },
      { trayIcon: 'yes' },
      { signalingUrls: ['http://x'] },
      { unknown: 1 },
    ]) {
      expect((await handlers.updateShellSettings(APP_PAGE, [bad])).ok, JSON.stringify(bad)).toBe(
        false,
      );
    }
    expect(settings.settings.autoLockMinutes).toBe(DEFAULT_SETTINGS.autoLockMinutes);
  });

  it('host info offers the LAN server first, then the user’s own servers', async () => {
    const { handlers } = fakeMainIpc();
    await handlers.updateShellSettings(APP_PAGE, [{ signalingUrls: ['wss://signal.example.org'] }]);
    const reply = await handlers.getHostInfo(APP_PAGE, []);
    expect(reply.ok && reply.value.signalingUrls).toEqual([
      'ws://192.168.1.20:4444',
      'ws://127.0.0.1:4444',
      'wss://signal.example.org',
    ]);
  });

  it('keychain: wrap then unwrap round-trips; the stored form is not the key', async () => {
    const { handlers } = fakeMainIpc();
    const key = new Uint8Array(32).map((_, i) => i);
    const wrapped = await handlers.wrapWithKeychain(APP_PAGE, [key]);
    expect(wrapped.ok).toBe(true);
    if (!wrapped.ok) return;
    expect(wrapped.value.backend).toBe('gnome_libsecret');
    expect(Buffer.from(wrapped.value.wrapped).includes(Buffer.from(key))).toBe(false);
    expect(await handlers.unwrapWithKeychain(APP_PAGE, [wrapped.value])).toEqual({
      ok: true,
      value: key,
    });
  });

  it('keychain: refuses to wrap under basic_text, and refuses to unwrap after the backend changed', async () => {
    const { handlers, setFacts, calls } = fakeMainIpc();
    const wrapped = await handlers.wrapWithKeychain(APP_PAGE, [new Uint8Array(32)]);
    if (!wrapped.ok) throw new Error('wrap failed');
    setFacts({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' });
    expect(await handlers.wrapWithKeychain(APP_PAGE, [new Uint8Array(32)])).toEqual({
      ok: false,
      error: KeychainError.unavailable,
    });
    expect(await handlers.unwrapWithKeychain(APP_PAGE, [wrapped.value])).toEqual({
      ok: false,
      error: KeychainError.changed,
    });
    setFacts({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet6' });
    expect(await handlers.unwrapWithKeychain(APP_PAGE, [wrapped.value])).toEqual({
      ok: false,
      error: KeychainError.changed,
    });
    // Never asked safeStorage to decrypt under the wrong backend.
    expect(calls.filter((c) => c === 'keychainDecrypt')).toEqual([]);
  });

  it('keychain: a blob that decrypts to garbage, or throws, is "changed", never a key', async () => {
    const garbage = fakeMainIpc({ keychainDecrypt: () => 'not ours' });
    expect(await garbage.handlers.unwrapWithKeychain(APP_PAGE, VALID.unwrapWithKeychain)).toEqual({
      ok: false,
      error: KeychainError.changed,
    });
    const throws = fakeMainIpc({
      keychainDecrypt: () => {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      },
    });
    expect(await throws.handlers.unwrapWithKeychain(APP_PAGE, VALID.unwrapWithKeychain)).toEqual({
      ok: false,
      error: KeychainError.changed,
    });
  });

  it('openExternal: asks first, opens only parsed http(s), and not when the user says no', async () => {
    const yes = fakeMainIpc();
    expect(await yes.handlers.openExternal(APP_PAGE, ['https://findahelpline.com/'])).toEqual({
      ok: true,
      value: true,
    });
    expect(yes.calls).toEqual(['confirm', 'openExternal']);
    const no = fakeMainIpc({ confirm: async () => false });
    expect(await no.handlers.openExternal(APP_PAGE, ['https://findahelpline.com/'])).toEqual({
      ok: true,
      value: false,
    });
    expect(no.calls).toEqual([]);
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'https://user@evil.example',
    ]) {
      const attack = fakeMainIpc();
      expect((await attack.handlers.openExternal(APP_PAGE, [url])).ok, url).toBe(false);
      expect(attack.calls, url).toEqual([]);
    }
  });

  it('allowSignalingUrls: holds the servers in memory only, never reloads; forgetSignalingUrls empties it', async () => {
    const { handlers, calls, unlockedSignaling, stored } = fakeMainIpc();
    expect(
      await handlers.allowSignalingUrls(APP_PAGE, [
        { urls: ['ws://192.168.1.37:4444/room', 'ws://10.0.0.8:4444'], reload: true },
      ]),
    ).toEqual({ ok: true, value: { covered: true, reloading: false } });
    expect(unlockedSignaling.urls).toEqual(['ws://192.168.1.37:4444/room', 'ws://10.0.0.8:4444']);
    expect(calls).toEqual([]);
    expect(stored()).toBe(''); // nothing written to settings.json
    expect(await handlers.forgetSignalingUrls(APP_PAGE, [])).toEqual({ ok: true, value: true });
    expect(unlockedSignaling.urls).toEqual([]);
  });

  it('allowSignalingUrls refuses a malformed allow-list and keeps what it held', async () => {
    const { handlers, unlockedSignaling } = fakeMainIpc();
    await handlers.allowSignalingUrls(APP_PAGE, [{ urls: ['wss://ok.example'], reload: false }]);
    const many = Array.from({ length: 33 }, (_, i) => `ws://h${i}.example`);
    for (const junk of [
      [{ urls: 'ws://a.example', reload: false }],
      [{ urls: [], reload: false }],
      [{ urls: many, reload: false }],
      [{ urls: ['https://a.example'], reload: false }],
      [{ urls: ['ws://user:pw@a.example'], reload: false }],
      [{ urls: ['javascript:alert(1)'], reload: false }],
      [{ urls: [`ws://${'a'.repeat(3000)}.example`], reload: false }],
      [{ urls: ['ws://a.example'], reload: false, extra: 1 }],
      [{ urls: ['ws://a.example'] }],
      [{ urls: ['ws://a.example'], reload: false }, 'smuggled'],
      [new Uint8Array(64)],
      [],
    ]) {
      const reply = await handlers.allowSignalingUrls(APP_PAGE, junk);
      expect(reply.ok, JSON.stringify(junk).slice(0, 80)).toBe(false);
    }
    // From another frame, even a well-formed list is refused.
    expect(
      (
        await handlers.allowSignalingUrls('https://evil.example/', [
          { urls: ['ws://evil.example'], reload: false },
        ])
      ).ok,
    ).toBe(false);
    expect(await handlers.forgetSignalingUrls(APP_PAGE, ['smuggled'])).toMatchObject({ ok: false });
    expect(unlockedSignaling.urls).toEqual(['wss://ok.example']);
  });

  it('takeJoinLink hands over a link that arrived before the page, once', async () => {
    const { handlers, joinLinks } = fakeMainIpc();
    joinLinks.deliver(CODE, () => {});
    expect(await handlers.takeJoinLink(APP_PAGE, [])).toEqual({ ok: true, value: CODE });
    expect(await handlers.takeJoinLink(APP_PAGE, [])).toEqual({ ok: true, value: null });
  });

  it('notifyNewMessage: nothing while focused; no circle name or text unless previews are allowed', async () => {
    const focused = fakeMainIpc({ windowFocused: () => true });
    expect(await focused.handlers.notifyNewMessage(APP_PAGE, VALID.notifyNewMessage)).toEqual({
      ok: true,
      value: false,
    });
    const shown: Array<{ title: string; body: string }> = [];
    const away = fakeMainIpc({ showNotification: (t) => void shown.push(t) });
    expect(await away.handlers.notifyNewMessage(APP_PAGE, VALID.notifyNewMessage)).toEqual({
      ok: true,
      value: true,
    });
    expect(JSON.stringify(shown)).not.toMatch(/hard week|Tuesday/);
    await away.handlers.updateShellSettings(APP_PAGE, [{ notificationPreviews: true }]);
    await away.handlers.notifyNewMessage(APP_PAGE, VALID.notifyNewMessage);
    expect(shown[1]).toEqual({ title: 'Tuesday circle', body: 'I had a hard week' });
  });

  it('notifyCheckIn: nothing while focused or with notifications off; never the person’s own question', async () => {
    const focused = fakeMainIpc({ windowFocused: () => true });
    expect(await focused.handlers.notifyCheckIn(APP_PAGE, [])).toEqual({ ok: true, value: false });
    const shown: Array<{ title: string; body: string }> = [];
    const away = fakeMainIpc({ showNotification: (t) => void shown.push(t) });
    expect(await away.handlers.notifyCheckIn(APP_PAGE, [])).toEqual({ ok: true, value: true });
    expect(shown).toEqual([{ title: 'Hearth', body: expect.stringMatching(/check-in/) }]);
    await away.handlers.updateShellSettings(APP_PAGE, [{ notifications: false }]);
    expect(await away.handlers.notifyCheckIn(APP_PAGE, [])).toEqual({ ok: true, value: false });
    expect(shown).toHaveLength(1);
  });
});
