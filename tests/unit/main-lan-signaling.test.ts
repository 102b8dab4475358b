// The LAN signaling server's life in main (src-main/lan-signaling.ts), with stand-in servers:
// the port fallback, a start that fails, URLs only while running, and a close that never ends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignalingHandle, StartSignaling } from '../../src-main/embedded-signaling';
import { LanSignaling } from '../../src-main/lan-signaling';

const LAN = { eth0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }] };

function handle(port: number, close: () => Promise<void> = () => Promise.resolve()) {
  return { url: `ws://0.0.0.0:${port}`, port, host: '0.0.0.0', close } satisfies SignalingHandle;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('LanSignaling', () => {
  it('has no URLs until started, and the LAN URL of the port it got once running', async () => {
    const start = vi.fn<StartSignaling>(({ port }) => Promise.resolve(handle(port)));
    const lan = new LanSignaling({ start, networkInterfaces: () => LAN });
    expect(lan.running).toBe(false);
    expect(lan.urls()).toEqual([]);
    await lan.start();
    await lan.start(); // a second start while running starts nothing
    expect(start).toHaveBeenCalledTimes(1);
    expect(lan.running).toBe(true);
    expect(lan.urls().some((url) => url.includes('192.168.1.20:4444'))).toBe(true);
  });

  it('falls back to a free port when the well-known one is taken', async () => {
    const start = vi.fn<StartSignaling>(({ port }) =>
      port === 4444 ? Promise.reject(new Error('EADDRINUSE')) : Promise.resolve(handle(50_123)),
    );
    const lan = new LanSignaling({ start, networkInterfaces: () => LAN });
    await lan.start();
    expect(start.mock.calls.map(([where]) => where.port)).toEqual([4444, 0]);
    expect(lan.urls().some((url) => url.includes(':50123'))).toBe(true);
  });

  it('a server that does not start is logged, not thrown, and leaves it stopped', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const lan = new LanSignaling({
      start: () => Promise.reject(new Error('no sockets here')),
      networkInterfaces: () => LAN,
    });
    await expect(lan.start()).resolves.toBeUndefined();
    expect(lan.running).toBe(false);
    expect(lan.urls()).toEqual([]);
    expect(logged).toHaveBeenCalledOnce();
  });

  it('stop closes the server and forgets it; a stuck close is abandoned after the timeout', async () => {
    vi.useFakeTimers();
    const close = vi.fn(() => new Promise<void>(() => {})); // never settles
    const lan = new LanSignaling({
      start: ({ port }) => Promise.resolve(handle(port, close)),
      networkInterfaces: () => LAN,
      closeTimeoutMs: 2000,
    });
    await lan.start();
    let stopped = false;
    const stopping = lan.stop().then(() => (stopped = true));
    expect(close).toHaveBeenCalledOnce();
    expect(lan.running).toBe(false);
    expect(lan.urls()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1999);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(stopped).toBe(true);
    await lan.stop(); // stopping a stopped server closes nothing
    expect(close).toHaveBeenCalledOnce();
  });

  it('a close that fails is logged, not thrown', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const lan = new LanSignaling({
      start: ({ port }) => Promise.resolve(handle(port, () => Promise.reject(new Error('boom')))),
      networkInterfaces: () => LAN,
    });
    await lan.start();
    await expect(lan.stop()).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledOnce();
  });
});
