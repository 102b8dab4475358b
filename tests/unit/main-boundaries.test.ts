// The IPC contract's schemas refuse junk, and the main process keeps its runtime boundaries:
// only three files load Electron, the contract needs nothing but zod, and the sandboxed preload
// bundle stays tiny.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostInfo, IpcArgs, IpcReply, SignalingUrl } from '../../src-shared/ipc/contract';

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
