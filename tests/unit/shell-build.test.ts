// `npm run build` without an Electron binary: the renderer (Vite), main and preload (esbuild)
// bundles, built into a temporary folder on every test run so CI always exercises the build.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { buildElectron } from '../../scripts/build-electron';

const ROOT = path.resolve(__dirname, '../..');
const out = mkdtempSync(path.join(tmpdir(), 'hearth-build-'));

beforeAll(async () => {
  // Vitest sets NODE_ENV=test, which would make Vite bundle development React.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await Promise.all([
      build({
        configFile: path.join(ROOT, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: path.join(out, 'renderer'), emptyOutDir: true },
      }),
      buildElectron(out),
    ]);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run build', () => {
  it('produces the renderer page and its assets', () => {
    const html = readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/src="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts)
      expect(existsSync(path.join(out, 'renderer', script)), script).toBe(true);
    // Loaded from app://hearth/, so asset URLs must not point at a dev server or the network.
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('produces main and preload as CommonJS with Electron left external', () => {
    const main = readFileSync(path.join(out, 'main', 'main.cjs'), 'utf8');
    expect(main).toContain('require("electron")');
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toContain('requestSingleInstanceLock');
    expect(existsSync(path.join(out, 'main', 'icon.png'))).toBe(true);
    expect(existsSync(path.join(out, 'main', 'unread-overlay.png'))).toBe(true);
  });

  it('the sandboxed preload is tiny, needs only electron, and carries no zod', () => {
    const preload = readFileSync(path.join(out, 'main', 'preload.cjs'), 'utf8');
    expect(preload).toContain('exposeInMainWorld("hearth"');
    expect(preload.length).toBeLessThan(10_000);
    expect(preload).not.toMatch(/zod|ZodError|safeParse/);
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });
});
