// Which pages and senders the Electron main process trusts, written as attacks: the CSP it
// builds, IPC sender checks, the dev-server URL, app:// path resolution and permissions. None of
// these modules may import 'electron', so this runs without its binary.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IpcArgs } from '../../src-shared/ipc/contract';
import {
  entryUrl,
  isAppUrl,
  originOf,
  PACKAGED_ORIGIN,
  parseDevUrl,
} from '../../src-main/app-origin';
import { contentTypeFor, resolveAppPath } from '../../src-main/app-protocol';
import { buildCsp, webSocketOrigin } from '../../src-main/csp';
import { checkIpcCall, isTrustedSender } from '../../src-main/ipc-guard';
import { isPermissionAllowed } from '../../src-main/permissions';

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
