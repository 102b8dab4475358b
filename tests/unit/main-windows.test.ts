// The desktop shell's windows, written as attacks: the page reaches only allowed signaling
// servers (its CSP, and main's gate), windows are created locked down, and the guards on navigation, new windows,
// permissions and response headers hold. Electron is never loaded: guards.ts takes small fakes.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PACKAGED_ORIGIN } from '../../src-main/app-origin';
import { buildCsp } from '../../src-main/csp';
import {
  hardenSession,
  hardenWebContents,
  type GuardedContents,
  type GuardedSession,
} from '../../src-main/guards';
import { allowedSignalingUrls } from '../../src-main/signaling-policy';
import {
  isPrintRequestAllowed,
  mainWindowOptions,
  PRINT_CSP,
  PRINT_URL,
  printWindowOptions,
  withTimeout,
} from '../../src-main/windows';
import { APP_PAGE } from '../support/fake-main-ipc';

describe('CSP and the signaling gate: only allowed signaling origins', () => {
  const allowed = allowedSignalingUrls({
    lan: ['ws://192.168.1.20:4444'],
    configured: ['wss://signal.example.org/x'],
    unlocked: ['ws://10.0.0.7:4444'],
  });
  const connectOf = (csp: string) => csp.split('; ').find((d) => d.startsWith('connect-src'))!;
  const listed = buildCsp({ connectUrls: allowed });

  it('a listed policy names exactly the LAN server, the configured and the unlocked servers', () => {
    expect(connectOf(listed)).toBe(
      "connect-src 'self' ws://192.168.1.20:4444 wss://signal.example.org ws://10.0.0.7:4444",
    );
    expect(connectOf(listed).split(' ')).not.toContain('ws:');
  });

  it('the main window leaves WebSockets to the gate, and nothing else is widened', () => {
    const gated = buildCsp({ connectUrls: [], gatedWebSockets: true });
    expect(connectOf(gated)).toBe("connect-src 'self' ws: wss:");
    expect(gated).not.toMatch(/\*|'unsafe-eval'|https?:/);
    expect(gated).toContain("script-src 'self' 'wasm-unsafe-eval'");
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
