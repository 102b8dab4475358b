// How long Argon2id takes at candidate limits in the app's own key-derivation worker, in Chromium:
// the measurement VAULT_KDF_LIMITS (src-shared/crypto/vault-key.ts) was chosen from. Not part of
// `npm run bench`; run it on the machine in question with `npx tsx bench/argon2-limits.ts`.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '../scripts/static-server';
import { buildForTests } from '../tests/e2e/global-setup';
import { launch } from './peers';

const MiB = 1024 * 1024;
const RUNS = 3;
/** [passes, MiB]: libsodium's INTERACTIVE and MODERATE, and others of about MODERATE's cost. */
const CANDIDATES: Array<[number, number]> = [
  [2, 64],
  [3, 128],
  [2, 256],
  [3, 256],
  [4, 192],
  [2, 384],
  [1, 512],
  [4, 256],
];

async function main() {
  const outDir = await buildForTests();
  const web = await serveStatic(outDir, { signalingUrls: [] });
  const worker = readdirSync(join(outDir, 'assets')).find((f) => /^kdf\.worker-.*\.js$/.test(f));
  if (worker === undefined) throw new Error('no kdf worker in the build');
  const peer = await launch(`${web.url}/index.html`);
  try {
    for (const [opslimit, mib] of CANDIDATES) {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++)
        runs.push(
          await peer.page.evaluate(
            // Worker start, libsodium load and Argon2id: what an unlock waits for.
            ([src, ops, mem]) =>
              new Promise<number>((resolve, reject) => {
                const w = new Worker(src, { type: 'module' });
                const start = performance.now();
                w.onmessage = (e: MessageEvent<{ ok: boolean; error?: string }>) => {
                  w.terminate();
                  if (e.data.ok) resolve(performance.now() - start);
                  else reject(new Error(e.data.error));
                };
                const salt = crypto.getRandomValues(new Uint8Array(16));
                w.postMessage({
                  passphrase: 'a calm evening walk',
                  params: { opslimit: ops, memlimit: mem, salt },
                });
              }),
            [`assets/${worker}`, opslimit, mib * MiB] as const,
          ),
        );
      const ms = runs.map((x) => Math.round(x));
      console.log(`opslimit ${opslimit}, memlimit ${mib} MiB: ${ms.join(', ')} ms`);
    }
  } finally {
    await peer.context.close();
    await web.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
