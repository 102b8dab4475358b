// The desktop shell's decisions, written as attacks: every IPC channel against hostile senders
// and generated junk, deep links, keychain backends, settings files, external links, window
// guards, notifications and idle lock. Electron is never loaded: main.ts's ports are faked
// through the one seam (ipc-handlers.ts), and guards.ts takes small fake webContents.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  ExportFile,
  IpcArgs,
  IpcChannel,
  IpcReply,
  KeychainError,
  PrintDocument,
  type RequestName,
  type ShellSettings,
} from '../../src-shared/ipc/contract';
import { PACKAGED_ORIGIN } from '../../src-main/app-origin';
import { buildCsp } from '../../src-main/csp';
import { JoinLinkInbox, joinLinkFromArgv, parseJoinLink } from '../../src-main/deep-link';
import { externalLinkPrompt, parseExternalUrl } from '../../src-main/external-links';
import {
  hardenSession,
  hardenWebContents,
  type GuardedContents,
  type GuardedSession,
} from '../../src-main/guards';
import { IdleLock, lockOnSystemEvent } from '../../src-main/idle-lock';
import {
  createIpcHandlers,
  registerIpcHandlers,
  type IpcMainLike,
  type MainPorts,
} from '../../src-main/ipc-handlers';
import {
  checkUnwrap,
  keychainStatus,
  keyFromKeychainText,
  keyToKeychainText,
  type KeychainFacts,
} from '../../src-main/keychain';
import { buildTrayTemplate } from '../../src-main/menu';
import { notificationFor } from '../../src-main/notifications';
import { DEFAULT_SETTINGS, parseStoredSettings, SettingsStore } from '../../src-main/settings';
import { allowedSignalingUrls, uncoveredUrls } from '../../src-main/signaling-policy';
import {
  isPrintRequestAllowed,
  mainWindowOptions,
  PRINT_CSP,
  PRINT_URL,
  printWindowOptions,
  withTimeout,
} from '../../src-main/windows';
import { EXPORT_TYPES, exportFileName } from '../../src-shared/journal/export-common';
import { mulberry32 } from '../support/seeded-random';

const APP_PAGE = 'app://hearth/index.html';
const CODE = `hearth1${'A'.repeat(40)}_-x`;

// ---- a seeded junk generator ----------------------------------------------------------

const NASTY_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  'C:\\x.md',
  '/tmp/x.md',
  'x.md\u0000.exe',
  'CON.md',
  '.bashrc',
  'report.exe',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'ws://u:p@evil.example/',
  'hearth://join/../../x',
  '<img src=x onerror=alert(1)>',
  '\u202eexe.md',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
];

/** Over every byte limit but the export's; allocated once (allocation, not parsing, was the cost). */
const BIG_BYTES = new Uint8Array(2_000_000);

function junkValue(rand: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  switch (Math.floor(rand() * (depth > 2 ? 7 : 10))) {
    case 0:
      return pick([null, undefined, true, false, NaN, Infinity, -1, 0, 2 ** 53, -0.5]);
    case 1:
      return pick(NASTY_STRINGS);
    case 2:
      return Math.floor(rand() * 1e6) - 5e5;
    case 3:
      return Math.floor(rand() * 4) === 0 ? BIG_BYTES : new Uint8Array(Math.floor(rand() * 80));
    case 4:
      return String.fromCharCode(
        ...Array.from({ length: Math.floor(rand() * 20) }, () => Math.floor(rand() * 0xffff)),
      );
    case 5:
      return pick([() => 1, Symbol('x'), new Date(0), /x/, new Map()]);
    case 6:
      return Object.create(null) as object;
    case 7:
      return Array.from({ length: Math.floor(rand() * 4) }, () => junkValue(rand, depth + 1));
    default: {
      const keys = [
        'suggestedName',
        'mimeType',
        'bytes',
        'html',
        'urls',
        'wrapped',
        'backend',
        'circleName',
        'text',
        'autoLockMinutes',
        'trayIcon',
        'reload',
        '__proto__',
        'extra',
      ];
      const obj: Record<string, unknown> = {};
      // Own properties, as JSON.parse and structured clone make them: `obj.__proto__ = x`
      // would set the prototype instead, which nothing crossing IPC can do.
      for (let i = Math.floor(rand() * 5); i > 0; i--) {
        Object.defineProperty(obj, pick(keys), {
          value: junkValue(rand, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return obj;
    }
  }
}

/** Junk argument lists: wrong arity, junk in the right slot, and valid payloads with one field spoiled. */
function junkArgs(rand: () => number, valid: unknown[]): unknown {
  const kind = Math.floor(rand() * 4);
  if (kind === 0) return junkValue(rand); // not even an array
  if (kind === 1) return Array.from({ length: Math.floor(rand() * 4) }, () => junkValue(rand));
  if (kind === 2) return [...valid, junkValue(rand)]; // one smuggled argument too many
  const first = valid[0];
  if (typeof first !== 'object' || first === null || first instanceof Uint8Array)
    return [junkValue(rand)];
  const keys = Object.keys(first);
  const spoilt: Record<string, unknown> = { ...first };
  spoilt[keys[Math.floor(rand() * keys.length)] ?? 'x'] = junkValue(rand);
  return [spoilt];
}

// ---- fake ports: the one seam ---------------------------------------------------------

const LIBSECRET: KeychainFacts = {
  platform: 'linux',
  encryptionAvailable: true,
  linuxBackend: 'gnome_libsecret',
};

function setup(overrides: Partial<MainPorts> = {}) {
  const calls: string[] = [];
  const files = new Map<string, Uint8Array>();
  let written = '';
  const settings = new SettingsStore({
    read: async () => written || null,
    write: async (text) => void (written = text),
  });
  let facts = LIBSECRET;
  const record =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return fn(...args);
    };
  const ports: MainPorts = {
    platform: 'linux',
    appVersion: '0.1.0',
    lanSignalingUrls: () => ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'],
    applySettings: record('applySettings', async () => {}),
    keychainFacts: () => facts,
    // A stand-in cipher: reversible, and visibly not the plaintext.
    keychainEncrypt: record(
      'keychainEncrypt',
      (text: string) => new Uint8Array(Buffer.from(text).reverse()),
    ),
    keychainDecrypt: record('keychainDecrypt', (bytes: Uint8Array) =>
      Buffer.from(bytes).reverse().toString(),
    ),
    chooseSavePath: record('chooseSavePath', async (name: string) => `/home/me/Documents/${name}`),
    writeFile: record(
      'writeFile',
      async (p: string, bytes: Uint8Array) => void files.set(p, bytes),
    ),
    renderPdf: record('renderPdf', async () => new Uint8Array([0x25, 0x50, 0x44, 0x46])),
    confirm: record('confirm', async () => true),
    openExternal: record('openExternal', async () => {}),
    policyAtLoad: () => ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'],
    reloadWindow: record('reloadWindow', () => {}),
    windowFocused: () => false,
    showNotification: record('showNotification', () => {}),
    savedBeforeClose: record('savedBeforeClose', () => {}),
    ...overrides,
  };
  const joinLinks = new JoinLinkInbox();
  const handlers = createIpcHandlers({ origin: PACKAGED_ORIGIN, ports, settings, joinLinks });
  return {
    handlers,
    calls,
    files,
    settings,
    joinLinks,
    setFacts: (f: KeychainFacts) => (facts = f),
    stored: () => written,
  };
}

/** One valid argument list per request channel. */
const VALID: { [K in RequestName]: unknown[] } = {
  getHostInfo: [],
  saveExport: [
    {
      suggestedName: 'hearth-journal-2026-11-24.md',
      mimeType: 'text/markdown; charset=utf-8',
      bytes: new Uint8Array([104, 105]),
    },
  ],
  printToPdf: [
    { suggestedName: 'hearth-journal.pdf', html: '<!doctype html><p>Today was calm.</p>' },
  ],
  getShellState: [],
  updateShellSettings: [{ autoLockMinutes: 5 }],
  getKeychainStatus: [],
  wrapWithKeychain: [new Uint8Array(32).fill(7)],
  unwrapWithKeychain: [{ wrapped: new Uint8Array([1, 2, 3]), backend: 'gnome_libsecret' }],
  openExternal: ['https://findahelpline.com/'],
  allowSignalingUrls: [{ urls: ['wss://signal.example.org'], reload: false }],
  takeJoinLink: [],
  notifyNewMessage: [{ circleName: 'Tuesday circle', text: 'I had a hard week' }],
  notifyCheckIn: [],
  savedBeforeClose: [],
};
const CHANNELS = Object.keys(VALID) as RequestName[];

describe('IPC: every channel checks its sender', () => {
  const hostile = [
    undefined,
    null,
    '',
    'file:///home/me/evil.html',
    'https://hearth/index.html',
    'app://hearth.evil.example/index.html',
    'app://evil/index.html',
    'app://user:pw@hearth/index.html',
    'http://localhost:5173/',
    'data:text/html,<script>x</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
  ];

  it.each(CHANNELS)(
    '%s refuses calls from anything but app://hearth, touching nothing',
    async (name) => {
      for (const frame of hostile) {
        const { handlers, calls, stored } = setup();
        expect(await handlers[name](frame, VALID[name]), `${name} from ${String(frame)}`).toEqual({
          ok: false,
          error: 'untrusted sender',
        });
        expect(calls).toEqual([]);
        expect(stored()).toBe('');
      }
    },
  );

  it('every request channel in the contract has a handler, and answers a valid call with a valid reply', async () => {
    const { handlers } = setup();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(IpcReply).sort());
    for (const name of CHANNELS) {
      const reply = await handlers[name](APP_PAGE, VALID[name]);
      if (name === 'unwrapWithKeychain') continue; // that fake "wrapped" key is junk on purpose
      expect(reply.ok, name).toBe(true);
      if (reply.ok) expect(IpcReply[name].safeParse(reply.value).success, name).toBe(true);
    }
  });
});

/** Whether a schema takes `value`; a schema that throws on it (hostile prototypes) does not. */
function accepts(schema: { safeParse(v: unknown): { success: boolean } }, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}

describe('IPC: registration (what main.ts does with ipcMain)', () => {
  it('every request channel is registered under its contract name and sees the frame URL', async () => {
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    const { handlers } = setup();
    registerIpcHandlers(
      { handle: (channel, listener) => void registered.set(channel, listener) },
      handlers,
    );
    expect([...registered.keys()].sort()).toEqual(CHANNELS.map((c) => IpcChannel[c]).sort());
    const getHostInfo = registered.get(IpcChannel.getHostInfo)!;
    expect(await getHostInfo({ senderFrame: { url: APP_PAGE } })).toMatchObject({ ok: true });
    // A destroyed frame (senderFrame null) is untrusted, and extra arguments are refused.
    expect(await getHostInfo({ senderFrame: null })).toEqual({
      ok: false,
      error: 'untrusted sender',
    });
    expect(await getHostInfo({ senderFrame: { url: APP_PAGE } }, 'smuggled')).toEqual({
      ok: false,
      error: 'invalid payload',
    });
  });
});

describe('IPC: every channel refuses generated junk (seeded)', () => {
  it.each(CHANNELS)('%s: 200 junk payloads rejected before any port is touched', async (name) => {
    const seed = 0x5eed + name.length * 7919;
    const rand = mulberry32(seed);
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      const args = junkArgs(rand, VALID[name]);
      const { handlers, calls, stored } = setup();
      const schemaAccepts = accepts(IpcArgs[name], args);
      const reply = await handlers[name](APP_PAGE, args);
      if (schemaAccepts) continue; // rare: the junk happened to be valid
      rejected++;
      expect(reply, `seed ${seed} case ${i}`).toEqual({ ok: false, error: 'invalid payload' });
      expect(calls, `seed ${seed} case ${i}`).toEqual([]);
      expect(stored()).toBe('');
    }
    expect(rejected).toBeGreaterThan(180);
  });

  it.each([
    ['folder in the name', { suggestedName: '../../.bashrc.md' }],
    ['Windows folder', { suggestedName: 'C:\\Users\\x.md' }],
    ['absolute path', { suggestedName: '/etc/cron.d/x.md' }],
    ['hidden file', { suggestedName: '.profile.md' }],
    ['executable', { suggestedName: 'journal.exe' }],
    ['no extension', { suggestedName: 'journal' }],
    ['NUL byte', { suggestedName: 'a\u0000.md' }],
    ['device name', { suggestedName: 'NUL.md' }],
    ['trailing dot', { suggestedName: 'a.md.' }],
    ['html mime smuggling', { mimeType: 'text/html"><script>' }],
    ['bytes as array', { bytes: [1, 2, 3] }],
    ['bytes as string', { bytes: 'hi' }],
    ['too many bytes', { bytes: new Uint8Array(50 * 1024 * 1024 + 1) }],
  ])('saveExport refuses %s', async (_name, change) => {
    const { handlers, calls } = setup();
    const file = { ...(VALID.saveExport[0] as object), ...change };
    expect(await handlers.saveExport(APP_PAGE, [file])).toEqual({
      ok: false,
      error: 'invalid payload',
    });
    expect(calls).toEqual([]);
  });

  it('printToPdf refuses a non-.pdf name, empty or oversized HTML', async () => {
    const { handlers, calls } = setup();
    for (const doc of [
      { suggestedName: 'x.md', html: '<p>x</p>' },
      { suggestedName: 'x.pdf', html: '' },
      { suggestedName: 'x.pdf', html: 'x'.repeat(20 * 1024 * 1024 + 1) },
      { suggestedName: 'x.pdf', html: '<p>x</p>', javascript: true },
    ]) {
      expect(await handlers.printToPdf(APP_PAGE, [doc])).toEqual({
        ok: false,
        error: 'invalid payload',
      });
    }
    expect(calls).toEqual([]);
  });
});

describe('IPC: the journal’s real exports fit the contract', () => {
  it.each(Object.keys(EXPORT_TYPES) as Array<keyof typeof EXPORT_TYPES>)('%s', (format) => {
    for (const range of [null, { from: '2026-01-01', to: '2026-11-24' }]) {
      const suggestedName = exportFileName(format, range, '2026-11-24');
      const file = {
        suggestedName,
        mimeType: EXPORT_TYPES[format].mimeType,
        bytes: new Uint8Array(10),
      };
      expect(ExportFile.safeParse(file).success, suggestedName).toBe(true);
      if (format === 'pdf')
        expect(PrintDocument.safeParse({ suggestedName, html: '<p>x</p>' }).success).toBe(true);
    }
  });
});

describe('IPC: what valid calls do', () => {
  it('saveExport writes exactly the bytes to the chosen path; cancel writes nothing', async () => {
    const { handlers, files } = setup();
    expect(await handlers.saveExport(APP_PAGE, VALID.saveExport)).toEqual({
      ok: true,
      value: true,
    });
    expect([...files.get('/home/me/Documents/hearth-journal-2026-11-24.md')!]).toEqual([104, 105]);

    const cancelled = setup({ chooseSavePath: async () => null });
    expect(await cancelled.handlers.saveExport(APP_PAGE, VALID.saveExport)).toEqual({
      ok: true,
      value: false,
    });
    expect(cancelled.files.size).toBe(0);
  });

  it('a failed write is a calm message, not a stack trace', async () => {
    const { handlers } = setup({
      writeFile: async () => {
        throw new Error('EACCES: /root/secret');
      },
    });
    const reply = await handlers.saveExport(APP_PAGE, VALID.saveExport);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).not.toMatch(/EACCES|secret/);
  });

  it('printToPdf renders before asking where to save, and saves the PDF bytes', async () => {
    const { handlers, calls, files } = setup();
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
    const { handlers, calls, settings, stored } = setup();
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
    const { handlers } = setup();
    await handlers.updateShellSettings(APP_PAGE, [{ signalingUrls: ['wss://signal.example.org'] }]);
    const reply = await handlers.getHostInfo(APP_PAGE, []);
    expect(reply.ok && reply.value.signalingUrls).toEqual([
      'ws://192.168.1.20:4444',
      'ws://127.0.0.1:4444',
      'wss://signal.example.org',
    ]);
  });

  it('keychain: wrap then unwrap round-trips; the stored form is not the key', async () => {
    const { handlers } = setup();
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
    const { handlers, setFacts, calls } = setup();
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
    const garbage = setup({ keychainDecrypt: () => 'not ours' });
    expect(await garbage.handlers.unwrapWithKeychain(APP_PAGE, VALID.unwrapWithKeychain)).toEqual({
      ok: false,
      error: KeychainError.changed,
    });
    const throws = setup({
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
    const yes = setup();
    expect(await yes.handlers.openExternal(APP_PAGE, ['https://findahelpline.com/'])).toEqual({
      ok: true,
      value: true,
    });
    expect(yes.calls).toEqual(['confirm', 'openExternal']);
    const no = setup({ confirm: async () => false });
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
      const attack = setup();
      expect((await attack.handlers.openExternal(APP_PAGE, [url])).ok, url).toBe(false);
      expect(attack.calls, url).toEqual([]);
    }
  });

  it('allowSignalingUrls: remembers every server; reloads only when asked and the page policy does not cover it', async () => {
    const { handlers, calls, settings } = setup();
    expect(
      await handlers.allowSignalingUrls(APP_PAGE, [
        { urls: ['ws://192.168.1.20:4444/room'], reload: true },
      ]),
    ).toEqual({ ok: true, value: { covered: true, reloading: false } });
    expect(
      await handlers.allowSignalingUrls(APP_PAGE, [
        { urls: ['ws://10.0.0.8:4444'], reload: false },
      ]),
    ).toEqual({ ok: true, value: { covered: false, reloading: false } });
    expect(calls).toEqual([]);
    expect(
      await handlers.allowSignalingUrls(APP_PAGE, [{ urls: ['ws://10.0.0.7:4444'], reload: true }]),
    ).toEqual({ ok: true, value: { covered: false, reloading: true } });
    expect(calls).toEqual(['reloadWindow']);
    expect(settings.knownSignalingUrls).toEqual([
      'ws://192.168.1.20:4444/room',
      'ws://10.0.0.8:4444',
      'ws://10.0.0.7:4444',
    ]);
  });

  it('takeJoinLink hands over a link that arrived before the page, once', async () => {
    const { handlers, joinLinks } = setup();
    joinLinks.deliver(CODE, () => {});
    expect(await handlers.takeJoinLink(APP_PAGE, [])).toEqual({ ok: true, value: CODE });
    expect(await handlers.takeJoinLink(APP_PAGE, [])).toEqual({ ok: true, value: null });
  });

  it('notifyNewMessage: nothing while focused; no circle name or text unless previews are allowed', async () => {
    const focused = setup({ windowFocused: () => true });
    expect(await focused.handlers.notifyNewMessage(APP_PAGE, VALID.notifyNewMessage)).toEqual({
      ok: true,
      value: false,
    });
    const shown: Array<{ title: string; body: string }> = [];
    const away = setup({ showNotification: (t) => void shown.push(t) });
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
    const focused = setup({ windowFocused: () => true });
    expect(await focused.handlers.notifyCheckIn(APP_PAGE, [])).toEqual({ ok: true, value: false });
    const shown: Array<{ title: string; body: string }> = [];
    const away = setup({ showNotification: (t) => void shown.push(t) });
    expect(await away.handlers.notifyCheckIn(APP_PAGE, [])).toEqual({ ok: true, value: true });
    expect(shown).toEqual([{ title: 'Hearth', body: expect.stringMatching(/check-in/) }]);
    await away.handlers.updateShellSettings(APP_PAGE, [{ notifications: false }]);
    expect(await away.handlers.notifyCheckIn(APP_PAGE, [])).toEqual({ ok: true, value: false });
    expect(shown).toHaveLength(1);
  });
});

describe('deep links: hearth://join/<code>', () => {
  it('accepts the link the invite panel makes', () => {
    expect(parseJoinLink(`hearth://join/${CODE}`)).toBe(CODE);
    expect(parseJoinLink(`hearth://join/${CODE}/`)).toBe(CODE);
    expect(parseJoinLink(`HEARTH://JOIN/${CODE}`)).toBe(CODE);
  });

  it.each([
    ['another scheme', `https://join/${CODE}`],
    ['javascript', `javascript://join/${CODE}`],
    ['file', `file:///join/${CODE}`],
    ['another action', `hearth://admin/${CODE}`],
    ['look-alike action', `hearth://join.evil/${CODE}`],
    ['credentials', `hearth://x@join/${CODE}`],
    ['port', `hearth://join:80/${CODE}`],
    ['query', `hearth://join/${CODE}?then=file:///x`],
    ['fragment', `hearth://join/${CODE}#x`],
    ['traversal', `hearth://join/../${CODE}`],
    ['extra segment', `hearth://join/${CODE}/extra`],
    ['encoded slash', `hearth://join/${CODE}%2Fx`],
    ['not a code', 'hearth://join/hello'],
    ['script in code', 'hearth://join/hearth1<script>'],
    ['empty', 'hearth://join/'],
    ['huge', `hearth://join/hearth1${'A'.repeat(5000)}`],
    ['not a string', 42],
  ])('refuses %s', (_name, link) => {
    expect(parseJoinLink(link)).toBeNull();
  });

  it('finds the link in argv, ignoring switches and junk, last link wins', () => {
    expect(joinLinkFromArgv(['/opt/Hearth/hearth', '--no-sandbox', `hearth://join/${CODE}`])).toBe(
      CODE,
    );
    expect(joinLinkFromArgv(['hearth', `--x=hearth://join/${CODE}`])).toBeNull();
    expect(joinLinkFromArgv(['hearth', `hearth://join/${CODE}`, 'hearth://join/bad'])).toBe(CODE);
    expect(joinLinkFromArgv('hearth://join/x')).toBeNull();
    expect(joinLinkFromArgv([null, 3, {}])).toBeNull();
  });

  it('the inbox keeps a link until the page takes it, then sends later ones directly', () => {
    const inbox = new JoinLinkInbox();
    const sent: string[] = [];
    inbox.deliver('first', (c) => sent.push(c));
    expect(sent).toEqual([]);
    expect(inbox.take()).toBe('first');
    expect(inbox.take()).toBeNull();
    inbox.deliver('second', (c) => sent.push(c));
    expect(sent).toEqual(['second']);
    inbox.pageGone();
    inbox.deliver('third', (c) => sent.push(c));
    expect(sent).toEqual(['second']);
    expect(inbox.take()).toBe('third');
  });
});

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

describe('CSP: only configured signaling origins', () => {
  const allowed = allowedSignalingUrls({
    lan: ['ws://192.168.1.20:4444'],
    configured: ['wss://signal.example.org/x'],
    known: ['ws://10.0.0.7:4444'],
  });
  const csp = buildCsp({ connectUrls: allowed });
  const connect = csp.split('; ').find((d) => d.startsWith('connect-src'))!;

  it('lists exactly the LAN server, the configured and the learned servers', () => {
    expect(connect).toBe(
      "connect-src 'self' ws://192.168.1.20:4444 wss://signal.example.org ws://10.0.0.7:4444",
    );
  });

  it('has no blanket ws:, wss:, wildcard, or unsafe-eval', () => {
    expect(connect.split(' ')).not.toContain('ws:');
    expect(connect.split(' ')).not.toContain('wss:');
    expect(csp).not.toMatch(/\*|'unsafe-eval'/);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('says which requested servers the loaded page cannot reach', () => {
    expect(
      uncoveredUrls(['ws://192.168.1.20:4444/room', 'ws://10.9.9.9:4444', 'javascript:x'], allowed),
    ).toEqual(['ws://10.9.9.9:4444']);
  });

  it('the PDF window may load nothing', () => {
    expect(PRINT_CSP).toContain("default-src 'none'");
    expect(PRINT_CSP).toContain("script-src 'none'");
    expect(PRINT_CSP).toContain("connect-src 'none'");
    expect(isPrintRequestAllowed(PRINT_URL)).toBe(true);
    for (const url of [
      'https://tracker.example/pixel.gif',
      'file:///etc/passwd',
      `${PRINT_URL}x`,
      'ws://x',
      undefined,
    ]) {
      expect(isPrintRequestAllowed(url)).toBe(false);
    }
  });
});

describe('windows are created locked down', () => {
  const hardened = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
  };
  it('the main window', () => {
    const opts = mainWindowOptions({ preloadPath: '/p.cjs', isDev: false, iconPath: '/i.png' });
    expect(opts.webPreferences).toMatchObject({ ...hardened, devTools: false, preload: '/p.cjs' });
  });
  it('the PDF window: also no JavaScript, its own memory-only session, never shown', () => {
    const opts = printWindowOptions('hearth-print-1');
    expect(opts.show).toBe(false);
    expect(opts.webPreferences).toMatchObject({
      ...hardened,
      javascript: false,
      partition: 'hearth-print-1',
    });
    expect(opts.webPreferences.partition.startsWith('persist:')).toBe(false);
    expect(opts.webPreferences).not.toHaveProperty('preload');
  });
  it('a PDF that never finishes fails instead of hanging the export', async () => {
    await expect(
      withTimeout(new Promise(() => {}), 20, 'printToPDF did not finish'),
    ).rejects.toThrow('printToPDF did not finish');
    await expect(withTimeout(Promise.resolve('%PDF'), 1000, 'x')).resolves.toBe('%PDF');
  });
});

describe('window guards (fake webContents)', () => {
  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (...a: unknown[]) => void) => emitter.on(name, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn),
    } as unknown as GuardedContents;
    const offered: string[] = [];
    hardenWebContents(contents, PACKAGED_ORIGIN, (url) => offered.push(url));
    const fire = (name: string, url: string): boolean => {
      let prevented = false;
      emitter.emit(name, { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { fire, open: (url: string) => openHandler!({ url }), offered };
  }

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'https://hearth.evil.example/',
    'app://hearth.evil/index.html',
    'app://evil/index.html',
    'http://localhost:5173/',
  ])('blocks navigating or redirecting to %s', (url) => {
    const g = fakeContents();
    expect(g.fire('will-navigate', url)).toBe(true);
    expect(g.fire('will-frame-navigate', url)).toBe(true);
    expect(g.fire('will-redirect', url)).toBe(true);
  });

  it('lets the app navigate within itself', () => {
    const g = fakeContents();
    expect(g.fire('will-navigate', 'app://hearth/index.html#x')).toBe(false);
    expect(g.offered).toEqual([]);
  });

  it('refuses every window.open and webview, offering only top-level links to the browser (which asks)', () => {
    const g = fakeContents();
    expect(g.open('https://findahelpline.com/')).toEqual({ action: 'deny' });
    expect(g.open('app://hearth/index.html')).toEqual({ action: 'deny' });
    expect(g.fire('will-attach-webview', 'app://hearth/index.html')).toBe(true);
    g.fire('will-redirect', 'https://x.example/');
    expect(g.offered).toEqual(['https://findahelpline.com/', 'app://hearth/index.html']);
  });

  it('the session: deny-by-default permissions, no devices, no screen capture, CSP on every response', () => {
    const handlers: Record<string, (...a: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (fn: never) => (handlers['request'] = fn),
      setPermissionCheckHandler: (fn: never) => (handlers['check'] = fn),
      setDevicePermissionHandler: (fn: never) => (handlers['device'] = fn),
      setDisplayMediaRequestHandler: (fn: never) => (handlers['display'] = fn),
      webRequest: { onHeadersReceived: (fn: never) => (handlers['headers'] = fn) },
    } as unknown as GuardedSession;
    const docs: boolean[] = [];
    hardenSession(session, PACKAGED_ORIGIN, (isDoc) => (docs.push(isDoc), 'default-src x'));
    const ask = (permission: string, url: string): boolean => {
      let answer = true;
      (handlers['request'] as unknown as (c: unknown, p: string, cb: (a: boolean) => void) => void)(
        { getURL: () => url },
        permission,
        (a) => (answer = a),
      );
      return answer;
    };
    expect(ask('media', APP_PAGE)).toBe(false);
    expect(ask('notifications', APP_PAGE)).toBe(false);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ask('clipboard-sanitized-write', APP_PAGE)).toBe(true);
    expect((handlers['device'] as unknown as () => boolean)()).toBe(false);
    let headers: Record<string, string[]> = {};
    (
      handlers['headers'] as unknown as (
        d: unknown,
        cb: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void
    )(
      {
        resourceType: 'mainFrame',
        responseHeaders: { 'content-security-policy': ['default-src *'] },
      },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': ['default-src x'] });
    expect(docs).toEqual([true]);
  });
});

describe('external links', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'vbscript:x',
    'ms-settings:',
    'hearth://join/x',
    'https://user:pw@bank.example/',
    'https://bank.example@evil.example/',
    'http://exa mple.com/',
    'http://',
    'x'.repeat(3000),
    42,
  ])('refuses %s', (url) => {
    expect(parseExternalUrl(url)).toBeNull();
  });

  it('look-alike hosts are shown in their real (punycode) spelling before opening', () => {
    const href = parseExternalUrl('https://раураl.com/login');
    expect(href).toBe('https://xn--l-7sba6dbr.com/login');
    expect(externalLinkPrompt(href!).message).toBe('Open xn--l-7sba6dbr.com in your browser?');
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
