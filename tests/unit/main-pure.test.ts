// Unit tests for the Electron main process's pure modules, written as attacks where they guard
// something. None of these modules may import 'electron', so this runs without its binary.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostInfo, IpcArgs, IpcReply, SignalingUrl } from '../../src-shared/ipc/contract';
import {
  entryUrl,
  isAppUrl,
  originOf,
  PACKAGED_ORIGIN,
  parseDevUrl,
} from '../../src-main/app-origin';
import { contentTypeFor, resolveAppPath } from '../../src-main/app-protocol';
import { buildCsp, webSocketOrigin } from '../../src-main/csp';
import { startWithPortFallback, type StartSignaling } from '../../src-main/embedded-signaling';
import { checkIpcCall, isTrustedSender } from '../../src-main/ipc-guard';
import { pickLanIPv4, signalingUrlsFor, type InterfaceTable } from '../../src-main/lan';
import { buildMenuTemplate, type MenuItem } from '../../src-main/menu';
import { isPermissionAllowed } from '../../src-main/permissions';
import {
  loadBrowserSignalingUrls,
  signalingUrlsFromConfig,
  signalingUrlsFromQuery,
} from '../../src-renderer/host/browser-host';

const DEV_ORIGIN = originOf(new URL('http://localhost:5173/'));

describe('csp', () => {
  it('builds the exact policy with the signaling origins in connect-src', () => {
    const csp = buildCsp({ connectUrls: ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444/'] });
    expect(csp).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws://192.168.1.20:4444 ws://127.0.0.1:4444; object-src 'none'; " +
        "base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('keeps only origins (no paths) and deduplicates', () => {
    const csp = buildCsp({ connectUrls: ['wss://sig.example/a?x=1', 'wss://sig.example/b'] });
    expect(csp).toContain("connect-src 'self' wss://sig.example;");
  });

  it('refuses to let a URL inject directives or widen the policy', () => {
    const attacks = [
      "ws://evil;script-src 'unsafe-eval'",
      'ws://x;script-src:4444',
      'ws://*:4444',
      'http://attacker.example',
      'https://attacker.example',
      'javascript:alert(1)',
      'ws://user:pw@host:1',
      '*',
      "'unsafe-inline'",
      '',
    ];
    for (const url of attacks) expect(webSocketOrigin(url), url).toBeNull();
    const csp = buildCsp({ connectUrls: attacks });
    expect(csp).toContain("connect-src 'self'; object-src");
    expect(csp.split(';').filter((d) => d.trim().startsWith('script-src'))).toHaveLength(1);
    expect(csp).not.toContain('unsafe-eval;');
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('accepts bracketed IPv6 signaling hosts', () => {
    expect(webSocketOrigin('ws://[fe80::1]:4444/')).toBe('ws://[fe80::1]:4444');
  });

  it('relaxes script-src and adds the HMR socket only for the dev server', () => {
    const csp = buildCsp({ connectUrls: [], devServerUrl: 'http://localhost:5173/' });
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://localhost:5173;");
  });
});

describe('ipc-guard: sender checks as attacks', () => {
  const trusted = 'app://hearth/index.html';

  it('trusts our own page, with any path, query or hash', () => {
    expect(isTrustedSender(trusted, PACKAGED_ORIGIN)).toBe(true);
    expect(isTrustedSender('app://hearth/circle?id=1#x', PACKAGED_ORIGIN)).toBe(true);
    expect(isTrustedSender(entryUrl(PACKAGED_ORIGIN), PACKAGED_ORIGIN)).toBe(true);
  });

  it.each([
    ['undefined frame', undefined],
    ['null frame', null],
    ['non-string', { url: trusted }],
    ['empty string', ''],
    ['about:blank', 'about:blank'],
    ['other origin', 'https://attacker.example/'],
    ['file: page', 'file:///tmp/index.html'],
    ['file: on our path', 'file:///opt/Hearth/resources/app.asar/dist/renderer/index.html'],
    ['look-alike suffix', 'app://hearth.attacker.example/index.html'],
    ['look-alike prefix', 'app://evil-hearth/index.html'],
    ['extra port', 'app://hearth:8080/index.html'],
    ['credentials trick', 'app://hearth@attacker.example/'],
    ['credentials on our host', 'app://evil@hearth/'],
    ['http scheme with our host', 'http://hearth/index.html'],
    ['data: URL', 'data:text/html,<script>1</script>'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['blob: from elsewhere', 'blob:https://attacker.example/uuid'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['unparseable', 'app://[broken'],
    ['very long', `app://hearth/${'a'.repeat(10_000)}`],
  ])('rejects %s', (_name, url) => {
    expect(isTrustedSender(url, PACKAGED_ORIGIN)).toBe(false);
  });

  it('in dev trusts only the exact dev-server origin', () => {
    expect(isTrustedSender('http://localhost:5173/', DEV_ORIGIN)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', DEV_ORIGIN)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', DEV_ORIGIN)).toBe(false);
    expect(isTrustedSender('http://localhost.attacker.example:5173/', DEV_ORIGIN)).toBe(false);
    expect(isTrustedSender(trusted, DEV_ORIGIN)).toBe(false);
  });

  it('checkIpcCall refuses an untrusted sender before looking at the payload', () => {
    expect(
      checkIpcCall('https://attacker.example/', [], IpcArgs.getHostInfo, PACKAGED_ORIGIN),
    ).toEqual({
      ok: false,
      error: 'untrusted sender',
    });
  });

  it('checkIpcCall refuses junk arguments from a trusted sender', () => {
    const junk: unknown[] = [
      ['x'],
      [undefined],
      [{}],
      [null, null],
      'not-an-array',
      undefined,
      { 0: 1 },
    ];
    for (const args of junk) {
      expect(checkIpcCall(trusted, args, IpcArgs.getHostInfo, PACKAGED_ORIGIN)).toEqual({
        ok: false,
        error: 'invalid payload',
      });
    }
  });

  it('checkIpcCall passes a well-formed call through', () => {
    expect(checkIpcCall(trusted, [], IpcArgs.getHostInfo, PACKAGED_ORIGIN)).toEqual({
      ok: true,
      value: [],
    });
  });
});

describe('app-origin: dev URL', () => {
  it('is honoured only unpackaged and only on loopback http(s)', () => {
    expect(parseDevUrl('http://localhost:5173', false)?.host).toBe('localhost:5173');
    expect(parseDevUrl('http://127.0.0.1:5173/', false)).not.toBeNull();
    expect(parseDevUrl('http://[::1]:5173/', false)).not.toBeNull();
    expect(parseDevUrl('http://localhost:5173', true)).toBeNull();
    for (const bad of [
      'https://attacker.example/',
      'http://localhost.attacker.example/',
      'http://192.168.1.5:5173/',
      'file:///tmp/index.html',
      'http://user:pw@localhost:5173/',
      'javascript:alert(1)',
      'not a url',
      '',
      undefined,
    ]) {
      expect(parseDevUrl(bad, false), String(bad)).toBeNull();
    }
  });

  it('isAppUrl answers for navigation targets too', () => {
    expect(isAppUrl('app://hearth/other.html', PACKAGED_ORIGIN)).toBe(true);
    expect(isAppUrl('https://hearth/', PACKAGED_ORIGIN)).toBe(false);
  });
});

describe('app:// path resolution: traversal attacks', () => {
  const root = '/opt/hearth/dist/renderer';

  it('serves files under the root and maps / to index.html', () => {
    expect(resolveAppPath('app://hearth/', root)).toBe(`${root}/index.html`);
    expect(resolveAppPath('app://hearth/index.html', root)).toBe(`${root}/index.html`);
    expect(resolveAppPath('app://hearth/assets/app-1a2b.js?v=1#x', root)).toBe(
      `${root}/assets/app-1a2b.js`,
    );
    expect(resolveAppPath('app://hearth/assets/', root)).toBe(`${root}/assets/index.html`);
    expect(resolveAppPath('app://hearth/a%20b.css', root)).toBe(`${root}/a b.css`);
  });

  const insideRoot = (resolved: string | null): boolean =>
    resolved === null || resolved === `${root}/index.html` || resolved.startsWith(`${root}/`);

  // The URL parser already folds literal and %2e dot segments back under the host, so these
  // land inside the root (never outside it).
  it.each([
    ['app://hearth/../../etc/passwd', `${root}/etc/passwd`],
    ['app://hearth/%2e%2e/%2e%2e/etc/passwd', `${root}/etc/passwd`],
    ['app://hearth/assets/../../../../index.html', `${root}/index.html`],
  ])('keeps %s inside the root', (url, expected) => {
    expect(resolveAppPath(url, root)).toBe(expected);
  });

  // Encoded separators survive URL parsing and only become '..' after decoding: the path
  // check itself must stop them.
  it.each([
    'app://hearth/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://hearth/..%2f..%2f..%2fetc/passwd',
    'app://hearth/assets/..%2f..%2f..%2fetc/passwd',
    'app://hearth/%2e%2e%2f',
    'app://hearth/%2e%2e%2frenderer-secrets/key',
    'app://hearth/..%5c..%5cwindows%5cwin.ini',
    'app://hearth/assets%5c..%5c..%5csecret',
    'app://hearth/index.html%00.png',
    'app://hearth/%E0%A4%A',
    'app://hearth/C:/Windows/win.ini',
    'app://hearth/index.html:stream',
    'app://other/index.html',
    'app://hearth.attacker.example/index.html',
    'app://evil@hearth/index.html',
    'file:///etc/passwd',
    'http://hearth/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });

  it('never resolves outside the root, even for a sibling that shares its prefix', () => {
    for (const url of [
      'app://hearth/..%2frenderer-secrets/key',
      'app://hearth/..%2f..%2frenderer/index.html',
      'app://hearth/a/b/..%2f..%2f..%2f..%2fx',
    ]) {
      const resolved = resolveAppPath(url, root);
      expect(insideRoot(resolved), `${url} -> ${resolved}`).toBe(true);
      expect(resolved).toBeNull();
    }
  });

  it('applies Windows path rules with path.win32', () => {
    const winRoot = 'C:\\Program Files\\Hearth\\dist\\renderer';
    expect(resolveAppPath('app://hearth/assets/a.js', winRoot, path.win32)).toBe(
      `${winRoot}\\assets\\a.js`,
    );
    expect(resolveAppPath('app://hearth/..%5C..%5Csecret.txt', winRoot, path.win32)).toBeNull();
    expect(resolveAppPath('app://hearth/%2e%2e%2f%2e%2e%2fx', winRoot, path.win32)).toBeNull();
    expect(resolveAppPath('app://hearth/D:/x', winRoot, path.win32)).toBeNull();
  });

  it('serves scripts and wasm with the types Chromium insists on, unknown as opaque bytes', () => {
    expect(contentTypeFor('/r/assets/a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/r/libsodium.WASM')).toBe('application/wasm');
    expect(contentTypeFor('/r/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/r/blob')).toBe('application/octet-stream');
    expect(contentTypeFor('/r/x.exe')).toBe('application/octet-stream');
  });
});

describe('permissions', () => {
  it('denies everything not on the list, even for our own page', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid',
      'unknown',
      '',
    ]) {
      expect(
        isPermissionAllowed(permission, 'app://hearth/index.html', PACKAGED_ORIGIN),
        permission,
      ).toBe(false);
    }
  });

  it('allows listed permissions only to our own origin', () => {
    expect(
      isPermissionAllowed('clipboard-sanitized-write', 'app://hearth/index.html', PACKAGED_ORIGIN),
    ).toBe(true);
    expect(isPermissionAllowed('local-network-access', 'app://hearth', PACKAGED_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('loopback-network', 'app://hearth/', PACKAGED_ORIGIN)).toBe(true);
    for (const url of [
      'https://attacker.example/',
      'file:///x.html',
      'app://hearth.evil/',
      undefined,
      '',
    ]) {
      expect(
        isPermissionAllowed('clipboard-sanitized-write', url, PACKAGED_ORIGIN),
        String(url),
      ).toBe(false);
      expect(isPermissionAllowed('local-network-access', url, PACKAGED_ORIGIN), String(url)).toBe(
        false,
      );
    }
  });

  it('does not fall for prototype names or non-strings', () => {
    expect(isPermissionAllowed('__proto__', 'app://hearth/', PACKAGED_ORIGIN)).toBe(false);
    expect(isPermissionAllowed('constructor', 'app://hearth/', PACKAGED_ORIGIN)).toBe(false);
    expect(
      isPermissionAllowed(['clipboard-sanitized-write'], 'app://hearth/', PACKAGED_ORIGIN),
    ).toBe(false);
  });
});

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

describe('menu', () => {
  const others = { onQuickExit: () => {}, onSettings: () => {} };
  const roles = (items: MenuItem[]): string[] =>
    items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);
  const find = (items: MenuItem[], label: string): MenuItem | undefined =>
    items.flatMap((i) => [i, ...(i.submenu ?? [])]).find((i) => i.label === label);

  it('has no devtools or reload in production, on any platform', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      const r = roles(buildMenuTemplate({ platform, isDev: false, onLock: () => {}, ...others }));
      expect(r).not.toContain('toggleDevTools');
      expect(r).not.toContain('reload');
      expect(r).toEqual(expect.arrayContaining(['copy', 'paste', 'selectAll', 'zoomIn']));
    }
    expect(
      roles(buildMenuTemplate({ platform: 'linux', isDev: true, onLock: () => {}, ...others })),
    ).toContain('toggleDevTools');
  });

  it('wires Lock to CmdOrCtrl+L and the callback', () => {
    let locked = 0;
    const lock = find(
      buildMenuTemplate({ platform: 'linux', isDev: false, onLock: () => locked++, ...others }),
      'Lock',
    );
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    lock?.click?.();
    expect(locked).toBe(1);
  });
});

describe('contract schemas reject junk', () => {
  const good = { platform: 'linux', appVersion: '0.1.0', signalingUrls: ['ws://192.168.1.2:4444'] };

  it('accepts a well-formed HostInfo', () => {
    expect(IpcReply.getHostInfo.parse(good)).toEqual(good);
  });

  it.each([
    ['null', null],
    ['string', 'linux'],
    ['array', [good]],
    ['missing field', { platform: 'linux', appVersion: '0.1.0' }],
    ['extra field', { ...good, secret: 'x' }],
    ['empty platform', { ...good, platform: '' }],
    ['number version', { ...good, appVersion: 1 }],
    ['urls not array', { ...good, signalingUrls: 'ws://a:1' }],
    ['http url', { ...good, signalingUrls: ['http://a:1'] }],
    ['javascript url', { ...good, signalingUrls: ['javascript:alert(1)'] }],
    ['credentialed url', { ...good, signalingUrls: ['ws://u:p@a:1'] }],
    ['non-string url', { ...good, signalingUrls: [42] }],
    [
      'too many urls',
      { ...good, signalingUrls: Array.from({ length: 33 }, (_, i) => `ws://h${i}:1`) },
    ],
    ['huge url', { ...good, signalingUrls: [`ws://a/${'x'.repeat(3000)}`] }],
  ])('HostInfo rejects %s', (_name, value) => {
    expect(HostInfo.safeParse(value).success).toBe(false);
  });

  it('argument tuples reject anything but no arguments', () => {
    for (const schema of [IpcArgs.getHostInfo, IpcArgs.lockRequested]) {
      expect(schema.safeParse([]).success).toBe(true);
      for (const junk of [[1], [''], [{}], null, undefined, 'x', {}]) {
        expect(schema.safeParse(junk).success, JSON.stringify(junk)).toBe(false);
      }
    }
  });

  it('SignalingUrl takes ws and wss only', () => {
    expect(SignalingUrl.safeParse('wss://signal.example/room').success).toBe(true);
    expect(SignalingUrl.safeParse('ws://').success).toBe(false);
    expect(SignalingUrl.safeParse('ftp://signal.example/').success).toBe(false);
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
    const fetchConfig = (async (input: URL | RequestInfo) => {
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
        fetch: (async () => new Response('<html>')) as typeof fetch,
      }),
    ).toEqual([]);
    expect(signalingUrlsFromConfig({ signalingUrls: 'ws://a:1' })).toEqual([]);
    expect(signalingUrlsFromConfig(null)).toEqual([]);
  });
});

describe('runtime boundaries', () => {
  // Only these files may import Electron; everything else in src-main is unit-testable.
  const ELECTRON_FILES = new Set(['main.ts', 'security.ts', 'preload.ts']);
  const srcMain = path.resolve(__dirname, '../../src-main');

  it('pure src-main modules do not import electron', () => {
    const pure = readdirSync(srcMain).filter((f) => f.endsWith('.ts') && !ELECTRON_FILES.has(f));
    expect(pure.length).toBeGreaterThan(5);
    for (const file of pure) {
      const text = readFileSync(path.join(srcMain, file), 'utf8');
      // `import type` is erased at build time; a value import would load Electron.
      expect(text, file).not.toMatch(
        /import\s+(?!type\b)[^;]*from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)/,
      );
    }
  });

  it('the IPC contract imports nothing but zod', () => {
    const source = readFileSync(
      path.resolve(__dirname, '../../src-shared/ipc/contract.ts'),
      'utf8',
    );
    const text = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // code only, not comments
    const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports).toEqual(['zod']);
    expect(text).not.toMatch(/\b(window|document|process|require)\b\s*[.(]/);
  });

  it('the sandboxed preload bundle stays tiny (contract schemas tree-shaken out)', async () => {
    const out = await build({
      absWorkingDir: path.resolve(__dirname, '../..'),
      entryPoints: ['src-main/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).toContain('exposeInMainWorld("hearth"');
    // Without the /* @__PURE__ */ annotations in contract.ts all of zod (~750 KB) lands here.
    expect(code.length).toBeLessThan(10_000);
  });
});
