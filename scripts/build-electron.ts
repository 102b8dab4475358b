// Bundles the Electron main process and preload into <out>/main/*.cjs with esbuild, and copies
// the images main uses (the icon for windows, notifications and the tray; Windows' unread
// overlay). Needs no Electron binary:
// 'electron' stays an external require resolved by Electron at run time.
// Usage: tsx scripts/build-electron.ts [--out dist]
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
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

/** Builds main.cjs, preload.cjs and icon.png into `<outRoot>/main`. */
export async function buildElectron(outRoot: string): Promise<string> {
  const outDir = path.resolve(root, outRoot, 'main');
  mkdirSync(outDir, { recursive: true });
  await Promise.all([
    build({ ...common, entryPoints: ['src-main/main.ts'], outfile: path.join(outDir, 'main.cjs') }),
    // Sandboxed preloads can require only 'electron' and a few built-ins, so everything else
    // must be inside this one file.
    build({
      ...common,
      entryPoints: ['src-main/preload.ts'],
      outfile: path.join(outDir, 'preload.cjs'),
    }),
  ]);
  for (const image of ['icon.png', 'unread-overlay.png'])
    copyFileSync(path.join(root, 'build', image), path.join(outDir, image));
  return outDir;
}

const isEntry =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  const at = process.argv.indexOf('--out');
  const outRoot = at === -1 ? 'dist' : (process.argv[at + 1] ?? 'dist');
  buildElectron(outRoot).then(
    (dir) => console.log(`built ${path.relative(root, dir)}/main.cjs, preload.cjs and the images`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
