// Where the app looks for signaling servers: the LAN addresses the desktop app offers for its
// embedded server (and the port it falls back to), and the servers a plain web page is given in
// its URL or in hearth-config.json.
import { describe, expect, it } from 'vitest';
import { HostInfo } from '../../src-shared/ipc/contract';
import { startWithPortFallback, type StartSignaling } from '../../src-main/embedded-signaling';
import { pickLanIPv4, signalingUrlsFor, type InterfaceTable } from '../../src-main/lan';
import {
  loadBrowserSignalingUrls,
  signalingUrlsFromConfig,
  signalingUrlsFromQuery,
} from '../../src-renderer/host/browser-host';

describe('LAN address picking', () => {
  const macLaptop: InterfaceTable = {
    lo0: [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '::1', family: 'IPv6', internal: true },
    ],
    en0: [
      { address: 'fe80::1c2b:3aff:fe4d:5e6f', family: 'IPv6', internal: false },
      { address: '192.168.1.23', family: 'IPv4', internal: false },
    ],
    utun3: [{ address: '100.101.102.103', family: 'IPv4', internal: false }],
    bridge100: [{ address: '169.254.10.2', family: 'IPv4', internal: false }],
  };

  it('offers the physical private address only, never loopback, IPv6, link-local or a VPN address beside it', () => {
    expect(pickLanIPv4(macLaptop)).toEqual(['192.168.1.23']);
  });

  it('leaves public and container addresses out when there is a LAN address, whatever the order', () => {
    const linux: InterfaceTable = {
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
      'br-1234': [{ address: '172.18.0.1', family: 'IPv4', internal: false }],
      wlp2s0: [{ address: '10.0.0.7', family: 'IPv4', internal: false }],
      eth1: [{ address: '203.0.113.9', family: 'IPv4', internal: false }],
    };
    expect(pickLanIPv4(linux)).toEqual(['10.0.0.7']);
  });

  it('offers the other addresses, best first, only when there is no LAN address', () => {
    const server: InterfaceTable = {
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
      eth0: [{ address: '203.0.113.9', family: 'IPv4', internal: false }],
      tailscale0: [{ address: '100.101.102.103', family: 'IPv4', internal: false }],
    };
    expect(pickLanIPv4(server)).toEqual(['203.0.113.9', '172.17.0.1', '100.101.102.103']);
  });

  it('accepts Node 18.0 numeric families, dedupes, and survives junk', () => {
    const odd: InterfaceTable = {
      eth0: [
        { address: '192.168.0.5', family: 4, internal: false },
        { address: '192.168.0.5', family: 'IPv4', internal: false },
        { address: '999.1.1.1', family: 'IPv4', internal: false },
        { address: 'not-an-ip', family: 'IPv4', internal: false },
      ],
      missing: undefined,
    };
    expect(pickLanIPv4(odd)).toEqual(['192.168.0.5']);
    // Internal means not reachable from outside, whatever the address looks like.
    expect(pickLanIPv4({ x: [{ address: '10.9.9.9', family: 'IPv4', internal: true }] })).toEqual(
      [],
    );
    expect(pickLanIPv4({})).toEqual([]);
  });

  it('treats 172.32/12 as not private (the range ends at 172.31)', () => {
    const table: InterfaceTable = {
      a: [{ address: '172.32.0.1', family: 'IPv4', internal: false }],
      b: [{ address: '172.31.0.1', family: 'IPv4', internal: false }],
    };
    expect(pickLanIPv4(table)).toEqual(['172.31.0.1']);
    expect(pickLanIPv4({ a: table.a })).toEqual(['172.32.0.1']);
  });

  it('makes ws:// URLs with loopback last, and none for a bad port', () => {
    expect(signalingUrlsFor(4444, ['192.168.1.23'])).toEqual([
      'ws://192.168.1.23:4444',
      'ws://127.0.0.1:4444',
    ]);
    expect(signalingUrlsFor(51234, [])).toEqual(['ws://127.0.0.1:51234']);
    expect(signalingUrlsFor(0, ['192.168.1.23'])).toEqual([]);
    expect(signalingUrlsFor(70000, [])).toEqual([]);
    // What we report must pass the contract the renderer re-validates with.
    expect(
      HostInfo.safeParse({
        platform: 'linux',
        appVersion: '0.1.0',
        signalingUrls: signalingUrlsFor(4444, ['10.0.0.7']),
      }).success,
    ).toBe(true);
  });
});

describe('embedded signaling port fallback', () => {
  const handle = (port: number) => ({
    url: `ws://0.0.0.0:${port}`,
    port,
    host: '0.0.0.0',
    close: async () => {},
  });

  it('uses 0.0.0.0:4444 when free', async () => {
    const calls: Array<{ host: string; port: number }> = [];
    const start: StartSignaling = async (opts) => (calls.push(opts), handle(opts.port));
    expect((await startWithPortFallback(start)).port).toBe(4444);
    expect(calls).toEqual([{ host: '0.0.0.0', port: 4444 }]);
  });

  it('falls back to a random port when 4444 is busy', async () => {
    const calls: number[] = [];
    const start: StartSignaling = async ({ port }) => {
      calls.push(port);
      if (port === 4444)
        throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
      return handle(50123);
    };
    expect((await startWithPortFallback(start)).port).toBe(50123);
    expect(calls).toEqual([4444, 0]);
  });

  it('does not retry when the caller already asked for a random port', async () => {
    let calls = 0;
    const start: StartSignaling = async () => {
      calls++;
      throw new Error('no sockets');
    };
    await expect(startWithPortFallback(start, '0.0.0.0', 0)).rejects.toThrow('no sockets');
    expect(calls).toBe(1);
  });

  it('reports the second failure instead of looping', async () => {
    let calls = 0;
    const start: StartSignaling = async () => {
      calls++;
      throw new Error(`fail ${calls}`);
    };
    await expect(startWithPortFallback(start)).rejects.toThrow('fail 2');
    expect(calls).toBe(2);
  });
});

describe('browser host signaling URLs', () => {
  const noFetch = (async () => {
    throw new Error('must not fetch');
  }) as typeof fetch;
  const json = (body: unknown, status = 200) =>
    (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

  it('reads repeatable ?signal= params, dropping invalid ones, without fetching', async () => {
    expect(
      signalingUrlsFromQuery(
        '?signal=ws://a:1&signal=javascript:x&signal=wss://b/&signal=ws://a:1',
      ),
    ).toEqual(['ws://a:1', 'wss://b/']);
    expect(
      await loadBrowserSignalingUrls({
        pageUrl: 'http://localhost:5173/?signal=ws%3A%2F%2F127.0.0.1%3A4444',
        fetch: noFetch,
      }),
    ).toEqual(['ws://127.0.0.1:4444']);
  });

  it('falls back to hearth-config.json next to the page', async () => {
    let asked = '';
    const fetchConfig = (async (input: string | URL) => {
      asked = String(input);
      return new Response(JSON.stringify({ signalingUrls: ['ws://10.0.0.2:4444', 'http://x'] }));
    }) as typeof fetch;
    expect(
      await loadBrowserSignalingUrls({
        pageUrl: 'https://try.example/app/index.html',
        fetch: fetchConfig,
      }),
    ).toEqual(['ws://10.0.0.2:4444']);
    expect(asked).toBe('https://try.example/app/hearth-config.json');
  });

  it('yields [] for a missing, broken or malformed config', async () => {
    const page = 'http://localhost:5173/';
    expect(await loadBrowserSignalingUrls({ pageUrl: page, fetch: json({}, 404) })).toEqual([]);
    // An error page is not a config, even if it happens to look like one.
    expect(
      await loadBrowserSignalingUrls({
        pageUrl: page,
        fetch: json({ signalingUrls: ['ws://a:1'] }, 500),
      }),
    ).toEqual([]);
    expect(await loadBrowserSignalingUrls({ pageUrl: page, fetch: noFetch })).toEqual([]);
    expect(
      await loadBrowserSignalingUrls({
        pageUrl: page,
        fetch: async () => new Response('<html>'),
      }),
    ).toEqual([]);
    expect(signalingUrlsFromConfig({ signalingUrls: 'ws://a:1' })).toEqual([]);
    expect(signalingUrlsFromConfig(null)).toEqual([]);
  });
});
