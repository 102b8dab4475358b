// src-shared runs everywhere (renderer, main, Node tests, the signaling server), so it may use
// only the language and web-standard globals every one of them has (URL, TextEncoder, crypto
// via libsodium). This scan fails the build if a file there reaches for the DOM, Node or Electron.
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../src-shared');

/** Packages src-shared may import: each runs in Node and browsers alike. Add with care. */
const ALLOWED_PACKAGES = new Set([
  'zod',
  'yjs',
  'libsodium-wrappers-sumo',
  'date-fns',
  '@date-fns/utc',
  'pdf-lib',
  '@pdf-lib/fontkit',
]);

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Globals that exist only in a browser page or only in Node/Electron. */
const FORBIDDEN_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'HTMLElement',
  'Element',
  'Blob',
  'FileReader',
  'XMLHttpRequest',
  'WebSocket',
  'RTCPeerConnection',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
  'module',
  'setImmediate',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Code without comments and string contents, so prose and messages do not count. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''")
    .replace(/`(?:\\.|[^`\\])*`/g, '``');
}

function importsOf(text: string): string[] {
  const specs = [
    ...text.matchAll(
      /(?:^|\s)(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm,
    ),
  ];
  return specs.map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** A bare use of a global: not a property (`x.window`), not a key (`{ window: 1 }`), not part of a longer name. */
function usesGlobal(code: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name}(?![\\w$])(?!\\s*:(?!:))`).test(code);
}

describe('src-shared runs anywhere', () => {
  const files = sourceFiles(ROOT);

  it('finds the shared sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))(
    '%s imports no DOM, Node or Electron module',
    (_name, file) => {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          expect(target.startsWith(ROOT + path.sep), `${spec} leaves src-shared`).toBe(true);
          continue;
        }
        expect(NODE_BUILTINS.has(spec), `${spec} is a Node built-in`).toBe(false);
        expect(spec, 'Electron').not.toMatch(/^electron(\/|$)/);
        const pkg = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : spec.split('/')[0]!;
        expect(
          ALLOWED_PACKAGES.has(pkg),
          `${spec} is not on the list of packages that run everywhere`,
        ).toBe(true);
      }
    },
  );

  it.each(files.map((f) => [path.relative(ROOT, f), f]))(
    '%s uses no DOM or Node globals',
    (_name, file) => {
      const code = codeOnly(readFileSync(file, 'utf8'));
      for (const name of FORBIDDEN_GLOBALS) {
        expect(usesGlobal(code, name), `${name} in ${path.relative(ROOT, file)}`).toBe(false);
      }
    },
  );

  it('the scan catches what it is meant to catch', () => {
    expect(importsOf("import fs from 'node:fs';\nimport { x } from './y';")).toEqual([
      'node:fs',
      './y',
    ]);
    expect(importsOf("const e = await import('electron');")).toEqual(['electron']);
    const code = codeOnly(
      "const a = 'document.cookie'; // process.env\nwindow.open(); const b = { process: 1 }; x.Buffer;",
    );
    expect(usesGlobal(code, 'window')).toBe(true);
    expect(usesGlobal(code, 'document')).toBe(false);
    expect(usesGlobal(code, 'process')).toBe(false);
    expect(usesGlobal(code, 'Buffer')).toBe(false);
    expect(usesGlobal('const n = Buffer.from(x);', 'Buffer')).toBe(true);
  });
});
