// Builds the renderer once (mode "e2e", which adds a test handle on window) and serves it on
// 127.0.0.1 for every end-to-end test file.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { serveStatic, type StaticServer } from '../../scripts/static-server';

/** Parent of the per-run build folders; each run builds into its own, so runs never clobber. */
const E2E_BUILDS_DIR = resolve('dist/renderer-e2e');

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}

let server: StaticServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await buildForTests();
  server = await serveStatic(outDir, { signalingUrls: [] });
  project.provide('webUrl', server.url);
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}

/**
 * Builds the e2e bundle into a fresh folder and returns it; the caller removes it when done.
 * `projectDir` is a checkout of Hearth (this one by default; bench/compare.ts builds another).
 */
export async function buildForTests(projectDir = resolve('.')): Promise<string> {
  mkdirSync(E2E_BUILDS_DIR, { recursive: true });
  const outDir = mkdtempSync(join(E2E_BUILDS_DIR, 'run-'));
  // Vitest sets NODE_ENV=test, which Vite would honour and bundle development React:
  // tests and benchmarks must run the code that ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(projectDir, 'vite.config.ts'),
      root: join(projectDir, 'src-renderer'),
      mode: 'e2e',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    return outDir;
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
