// The renderer's Electron host adapter distrusts the process boundary: replies that break the
// contract are refused, main's errors arrive as messages, and join links are re-validated.
import { describe, expect, it } from 'vitest';
import { IpcReply, type HearthBridge, type Result } from '../../src-shared/ipc/contract';
import { createElectronHost, HostError } from '../../src-renderer/host/electron-host';
import { mulberry32 } from '../support/seeded-random';

const CODE = `hearth1${'B'.repeat(50)}`;

/** A bridge whose every request answers `reply`; events are recorded so tests can fire them. */
function fakeBridge(reply: () => Result<unknown>) {
  const listeners: Record<string, Array<(...a: unknown[]) => void>> = {};
  const on = (name: string) => (cb: (...a: unknown[]) => void) => {
    (listeners[name] ??= []).push(cb);
    return () => {};
  };
  const requested: string[] = [];
  const bridge = new Proxy(
    {
      onLockRequested: on('lock'),
      onJoinLinkOpened: on('join'),
      onSettingsRequested: on('settings'),
      onSaveRequested: on('save'),
    },
    {
      get: (target, key: string) =>
        key in target
          ? target[key as keyof typeof target]
          : async () => {
              requested.push(key);
              return reply();
            },
    },
  ) as unknown as HearthBridge;
  return {
    bridge,
    requested,
    fire: (name: string, ...args: unknown[]) =>
      (listeners[name] ?? []).forEach((cb) => cb(...args)),
  };
}

const JUNK: unknown[] = [
  null,
  undefined,
  42,
  'yes',
  [],
  {},
  { ok: true },
  { platform: '', appVersion: '1', signalingUrls: [] },
  { covered: 'no', reloading: true },
  new Uint8Array(65),
];

describe('electron host: replies are checked against the contract', () => {
  it('accepts a reply exactly when the contract does, refusing the rest with a calm message', async () => {
    const rand = mulberry32(7);
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      const value = JUNK[Math.floor(rand() * JUNK.length)];
      const host = createElectronHost(fakeBridge(() => ({ ok: true, value })).bridge);
      const desktop = host.desktop!;
      const calls: Array<[keyof typeof IpcReply, Promise<unknown>]> = [
        ['getHostInfo', host.getHostInfo()],
        [
          'saveExport',
          host.saveExport({
            suggestedName: 'a.md',
            mimeType: 'text/markdown',
            bytes: new Uint8Array(1),
          }),
        ],
        ['getShellState', desktop.shellState()],
        ['getKeychainStatus', desktop.keychainStatus()],
        ['wrapWithKeychain', desktop.wrapKey(new Uint8Array(32))],
        ['allowSignalingUrls', desktop.allowSignalingUrls(['ws://a:1'], false)],
      ];
      for (const [name, call] of calls) {
        const outcome = await call.then(
          () => 'accepted',
          (e: unknown) => (e instanceof HostError ? e.message : 'threw something else'),
        );
        const valid = IpcReply[name].safeParse(value).success;
        expect(outcome, `${name} with ${String(value)}`).toBe(
          valid ? 'accepted' : 'Hearth could not do that. Please try again.',
        );
        if (!valid) refused++;
      }
      const unwrapped = await desktop.unwrapKey({ wrapped: new Uint8Array(3), backend: 'x' });
      expect(unwrapped.ok).toBe(IpcReply.unwrapWithKeychain.safeParse(value).success);
    }
    expect(refused).toBeGreaterThan(200);
  });

  it('a valid reply passes through; main’s refusal becomes the error message', async () => {
    const good = createElectronHost(
      fakeBridge(() => ({ ok: true, value: { covered: false, reloading: true } })).bridge,
    );
    expect(await good.desktop!.allowSignalingUrls(['ws://a:1'], true)).toEqual({
      covered: false,
      reloading: true,
    });
    const refused = createElectronHost(
      fakeBridge(() => ({
        ok: false,
        error: 'The file could not be saved. Please try another folder.',
      })).bridge,
    );
    await expect(
      refused.saveExport({
        suggestedName: 'a.md',
        mimeType: 'text/markdown',
        bytes: new Uint8Array(1),
      }),
    ).rejects.toThrow('another folder');
    expect(await refused.desktop!.unwrapKey({ wrapped: new Uint8Array(3), backend: 'x' })).toEqual({
      ok: false,
      error: 'The file could not be saved. Please try another folder.',
    });
  });
});

describe('electron host: join links', () => {
  it('delivers a link waiting in main at start, then live ones, and drops junk', async () => {
    const { bridge, fire } = fakeBridge(() => ({ ok: true, value: CODE }));
    const got: string[] = [];
    createElectronHost(bridge).onJoinLink((code) => got.push(code));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(got).toEqual([CODE]);
    for (const junk of [
      null,
      42,
      'hearth://join/x',
      'hearth1<script>',
      `${CODE}/../x`,
      { code: CODE },
      'x'.repeat(5000),
    ])
      fire('join', junk);
    fire('join', CODE);
    expect(got).toEqual([CODE, CODE]);
  });

  it('a junk pending link from main is ignored', async () => {
    const { bridge } = fakeBridge(() => ({ ok: true, value: 'javascript:alert(1)' }));
    const got: string[] = [];
    createElectronHost(bridge).onJoinLink((code) => got.push(code));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(got).toEqual([]);
  });
});

describe('electron host: saving before the window closes', () => {
  it('runs the save when main asks, then tells main the window may close, even when the save fails', async () => {
    for (const outcome of ['saved', 'failed'] as const) {
      const { bridge, requested, fire } = fakeBridge(() => ({ ok: true, value: true }));
      const host = createElectronHost(bridge);
      const order: string[] = [];
      host.onSaveRequested(async () => {
        order.push('save starts');
        await new Promise((r) => setTimeout(r, 10));
        order.push('save ends');
        if (outcome === 'failed') throw new Error('disk full');
      });
      fire('save');
      expect(requested).not.toContain('savedBeforeClose');
      await expect.poll(() => requested.includes('savedBeforeClose')).toBe(true);
      expect(order).toEqual(['save starts', 'save ends']);
    }
  });
});
