// Bundles the Electron main process and preload into dist/main/*.cjs with esbuild. Needs no
// Electron binary: 'electron' stays an external require resolved by Electron at run time.
import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  // ws requires these optional native add-ons inside try/catch; they are not installed and
  // ws falls back to JavaScript without them.
  external: ['electron', 'bufferutil', 'utf-8-validate'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

async function main(): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: ['src-main/main.ts'], outfile: 'dist/main/main.cjs' }),
    // Sandboxed preloads can require only 'electron' and a few built-ins, so everything else
    // must be inside this one file.
    build({ ...common, entryPoints: ['src-main/preload.ts'], outfile: 'dist/main/preload.cjs' }),
  ]);
  console.log('built dist/main/main.cjs and dist/main/preload.cjs');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
