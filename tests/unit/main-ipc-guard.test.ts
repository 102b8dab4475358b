// The desktop shell's IPC channels, written as attacks: hostile senders, generated junk and
// unsafe file names are refused before any port is touched, and what the journal really exports
// fits the contract. Electron is never loaded: main.ts's ports are faked through the one seam
// (tests/support/fake-main-ipc.ts).
import { describe, expect, it } from 'vitest';
import {
  ExportFile,
  IpcArgs,
  IpcChannel,
  IpcReply,
  PrintDocument,
} from '../../src-shared/ipc/contract';
import { EXPORT_TYPES, exportFileName } from '../../src-shared/journal/export-common';
import { registerIpcHandlers, type IpcMainLike } from '../../src-main/ipc-handlers';
import { APP_PAGE, CHANNELS, fakeMainIpc, VALID } from '../support/fake-main-ipc';
import { accepts, junkArgs } from '../support/ipc-junk';
import { mulberry32 } from '../support/seeded-random';

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
        const { handlers, calls, stored } = fakeMainIpc();
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
    const { handlers } = fakeMainIpc();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(IpcReply).sort());
    for (const name of CHANNELS) {
      const reply = await handlers[name](APP_PAGE, VALID[name]);
      if (name === 'unwrapWithKeychain') continue; // that fake "wrapped" key is junk on purpose
      expect(reply.ok, name).toBe(true);
      if (reply.ok) expect(IpcReply[name].safeParse(reply.value).success, name).toBe(true);
    }
  });
});

describe('IPC: registration (what main.ts does with ipcMain)', () => {
  it('every request channel is registered under its contract name and sees the frame URL', async () => {
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    const { handlers } = fakeMainIpc();
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
      const { handlers, calls, stored } = fakeMainIpc();
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
    const { handlers, calls } = fakeMainIpc();
    const file = { ...(VALID.saveExport[0] as object), ...change };
    expect(await handlers.saveExport(APP_PAGE, [file])).toEqual({
      ok: false,
      error: 'invalid payload',
    });
    expect(calls).toEqual([]);
  });

  it('printToPdf refuses a non-.pdf name, empty or oversized HTML', async () => {
    const { handlers, calls } = fakeMainIpc();
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
