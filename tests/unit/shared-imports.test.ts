// src-shared runs everywhere (renderer, workers, main, Node tests, the signaling server), so its
// tsconfig has no DOM and no Node types. These tests attack that boundary with the compiler
// itself: files that reach for `document`, `Buffer` or `node:fs` are type-checked with the real
// src-shared/tsconfig.json options and must fail, while the same files pass under the layer that
// owns those globals (so a failure here is the options' doing, not a broken harness).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const SHARED = path.join(REPO, 'src-shared');

/** Packages src-shared may import: each runs in Node and browsers alike. Add with care. */
const ALLOWED_PACKAGES = new Set([
  'zod',
  'yjs',
  // Yjs's own binary encoding, to write updates the way Yjs reads them (sync/update-guard.ts).
  'lib0',
  'libsodium-wrappers-sumo',
  'date-fns',
  '@date-fns/utc',
  'pdf-lib',
  '@pdf-lib/fontkit',
  // Runs in Node too when simple-peer is handed a WebRTC implementation (its `wrtc` option).
  'y-webrtc',
]);

/** A layer's compiler options and its ambient .d.ts files, as `tsc -b` sees them. */
function layer(folder: string): {
  options: ts.CompilerOptions;
  ambient: string[];
  files: string[];
} {
  const configPath = path.join(REPO, folder, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
  expect(parsed.errors).toEqual([]);
  // The probes are not in the project's file list, so nothing is emitted and nothing is composite.
  const {
    composite: _composite,
    declaration: _declaration,
    emitDeclarationOnly: _emitDeclarationOnly,
    configFilePath: _configFilePath,
    ...options
  } = parsed.options;
  return {
    options: { ...options, noEmit: true, incremental: false },
    ambient: parsed.fileNames.filter((f) => f.endsWith('.d.ts')),
    files: parsed.fileNames,
  };
}

const shared = layer('src-shared');
const renderer = layer('src-renderer');
const main = layer('src-main');

/** What a browser page has and Node does not, and the other way round. */
const DOM_ONLY = {
  document: "document.title = 'x';",
  window: "window.open('https://example.org');",
  localStorage: "localStorage.setItem('k', 'v');",
};
const NODE_ONLY = {
  Buffer: "export const bytes = Buffer.from('x');",
  process: 'export const home = process.env.HOME;',
  'node:fs': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
};
/** Only the globals every runtime has, a package that runs anywhere, and shared code. */
const CLEAN = [
  "import { z } from 'zod';",
  "import { utf8 } from '../../src-shared/bytes';",
  "const url = new URL('wss://example.org/room');",
  'const bytes = new TextEncoder().encode(url.hostname);',
  'const text = new TextDecoder().decode(utf8(z.string().parse(url.protocol)));',
  'const random = globalThis.crypto.getRandomValues(new Uint8Array(8));',
  'const timer = setTimeout(() => undefined, 10);',
  'clearTimeout(timer);',
  'export const used = [bytes, text, random];',
].join('\n');

// Probes live in the ignored build folder inside the repository, so packages and @types resolve
// from node_modules exactly as they would for a file in src-shared, yet no other tool sees them.
// Each is a module (`export {}`), so one probe's globals cannot leak into another.
mkdirSync(path.join(REPO, '.tsbuild'), { recursive: true });
const PROBES = mkdtempSync(path.join(REPO, '.tsbuild', 'shared-probe-'));
afterAll(() => rmSync(PROBES, { recursive: true, force: true }));
const probeFile = new Map<string, string>();
const probes: Array<[string, string]> = [
  ...Object.entries({ ...DOM_ONLY, ...NODE_ONLY }),
  ['clean', CLEAN],
];
for (const [name, code] of probes) {
  const file = path.join(PROBES, `${name.replace(/\W/g, '-')}.ts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  probeFile.set(name, file);
}

// Parsed files are shared between the layers' programs, so the DOM's and Node's large
// declaration files are read once (parsing, not checking, is most of a program's cost).
const parsed = new Map<string, ts.SourceFile | undefined>();
function hostFor(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${JSON.stringify(languageVersion)}:${fileName}`;
    if (!parsed.has(key)) parsed.set(key, read(fileName, languageVersion, ...rest));
    return parsed.get(key);
  };
  return host;
}

/** Every probe type-checked under one layer's options, once: each probe's errors as text. */
const checked = new Map<ReturnType<typeof layer>, Map<string, string[]>>();
function errorsUnder(target: ReturnType<typeof layer>, probe: string): string[] {
  if (!checked.has(target)) {
    const program = ts.createProgram({
      rootNames: [...probeFile.values(), ...target.ambient],
      options: target.options,
      host: hostFor(target.options),
    });
    const byProbe = new Map<string, string[]>();
    for (const [name, file] of probeFile) {
      const sourceFile = program.getSourceFile(file)!;
      const diagnostics = [
        ...program.getSyntacticDiagnostics(sourceFile),
        ...program.getSemanticDiagnostics(sourceFile),
      ];
      byProbe.set(
        name,
        diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      );
    }
    checked.set(target, byProbe);
  }
  return checked.get(target)!.get(probe)!;
}

/** A program over two cores that other test files share can take several seconds. */
const COMPILE_TIMEOUT_MS = 120_000;

describe('src-shared compiles only what runs everywhere', () => {
  it.each(Object.keys(DOM_ONLY))(
    'rejects a use of %s, which the renderer accepts',
    (name) => {
      expect(errorsUnder(shared, name).join('\n')).toContain(`'${name}'`);
      expect(errorsUnder(renderer, name)).toEqual([]);
    },
    COMPILE_TIMEOUT_MS,
  );

  it.each(Object.keys(NODE_ONLY))(
    'rejects a use of %s, which main accepts',
    (name) => {
      expect(errorsUnder(shared, name).join('\n')).toContain(`'${name}'`);
      expect(errorsUnder(main, name)).toEqual([]);
    },
    COMPILE_TIMEOUT_MS,
  );

  it(
    'accepts a file that uses only the globals every runtime has',
    () => {
      expect(errorsUnder(shared, 'clean')).toEqual([]);
    },
    COMPILE_TIMEOUT_MS,
  );

  it(
    'loads no DOM, Node or Electron declarations, even through a dependency',
    () => {
      const program = ts.createProgram({
        rootNames: shared.files,
        options: shared.options,
        host: hostFor(shared.options),
      });
      const loaded = program.getSourceFiles().map((f) => f.fileName);
      expect(loaded.filter((f) => f.startsWith(SHARED + path.sep)).length).toBeGreaterThan(10);
      const foreign = loaded.filter((f) =>
        /\/@types\/node\/|\/lib\.(dom|webworker)[.\w]*\.d\.ts$|\/electron\/electron\.d\.ts$/.test(
          f,
        ),
      );
      expect(foreign).toEqual([]);
    },
    COMPILE_TIMEOUT_MS,
  );
});

// A package's own types can bring Node's or the DOM's globals in with them (ws's types load all of
// @types/node), and the compiler would then accept `Buffer` in src-shared. So imports of packages
// are checked against a list, read with the compiler's own import scanner.
describe('src-shared imports only packages that run everywhere', () => {
  const packageOf = (spec: string): string =>
    spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  const importsOf = (text: string): string[] =>
    ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);

  it('the import scanner sees static, dynamic and re-exporting imports', () => {
    const text = [
      "import fs from 'node:fs';",
      "import type { X } from './x';",
      "export * from 'ws';",
      "const e = await import('electron');",
    ].join('\n');
    expect(importsOf(text)).toEqual(['node:fs', './x', 'ws', 'electron']);
  });

  it.each(
    shared.files.filter((f) => !f.endsWith('.d.ts')).map((f) => [path.relative(SHARED, f), f]),
  )('%s', (_name, file) => {
    const packages = importsOf(ts.sys.readFile(file)!)
      .filter((spec) => !spec.startsWith('.'))
      .map(packageOf);
    expect(packages.filter((p) => !ALLOWED_PACKAGES.has(p))).toEqual([]);
  });
});
