// Builds the renderer once (mode "e2e", which adds a test handle on window) and serves it on
// 127.0.0.1 for every end-to-end test file.
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { serveStatic, type StaticServer } from '../../scripts/static-server';

export const E2E_OUT_DIR = resolve('dist/renderer-e2e');

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}

let server: StaticServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildForTests();
  server = await serveStatic(E2E_OUT_DIR, { signalingUrls: [] });
  project.provide('webUrl', server.url);
  return async () => {
    await server?.close();
  };
}

export async function buildForTests(): Promise<void> {
  // Vitest sets NODE_ENV=test, which Vite would honour and bundle development React:
  // tests and benchmarks must run the code that ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve('vite.config.ts'), mode: 'e2e', logLevel: 'warn', build: { outDir: E2E_OUT_DIR, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
