// `npm run bench:compare -- <git ref> [--rounds N] [--messages N] [--warm-up N]`: delivery latency of the
// working tree against another commit, in alternating rounds. On a shared machine the same code
// measures a quarter apart from one hour to the next, so a change is judged only against the
// other code measured in the same minutes. The other commit is checked out into a temporary git
// worktree that borrows this one's node_modules (fine for commits with the same dependencies).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic } from '../scripts/static-server';
import { startSignalingServer } from '../src-server/signaling/server';
import { buildForTests } from '../tests/e2e/global-setup';
import { measureDelivery, percentile, round } from './peers';

function option(name: string, fallback: number, least = 1): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} takes a whole number`);
  return value;
}

async function main() {
  const ref = process.argv
    .slice(2)
    .find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!ref)
    throw new Error(
      'Usage: npm run bench:compare -- <git ref> [--rounds N] [--messages N] [--warm-up N]',
    );
  const rounds = option('--rounds', 3);
  const messages = option('--messages', 200);
  // Untimed messages first (see measureDelivery): a conversation under way, with a longer list.
  const warmUp = option('--warm-up', 0, 0);
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);

  const worktree = join(mkdtempSync(join(tmpdir(), 'hearth-compare-')), 'checkout');
  git('worktree', 'add', '--detach', worktree, commit);
  const builds: string[] = [];
  const signal = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  try {
    symlinkSync(resolve('node_modules'), join(worktree, 'node_modules'), 'dir');
    console.error(`Building ${ref} (${commit.slice(0, 8)}) and the working tree…`);
    builds.push(await buildForTests(worktree), await buildForTests());
    const servers = await Promise.all(builds.map((dir) => serveStatic(dir, { signalingUrls: [] })));
    const labels = [ref, 'working tree'];
    const p50s: number[][] = [[], []];
    try {
      console.log(`| round | ${labels[0]} p50 | working tree p50 |\n|---|---|---|`);
      for (let r = 1; r <= rounds; r++) {
        // Alternate which goes first, so neither always runs in the other's wake.
        const order = r % 2 === 1 ? [0, 1] : [1, 0];
        for (const k of order) {
          const url = `${servers[k]!.url}/index.html?signal=${encodeURIComponent(signal.url)}`;
          p50s[k]!.push(round(percentile(await measureDelivery(url, messages, warmUp), 50)));
        }
        console.log(`| ${r} | ${p50s[0]!.at(-1)} | ${p50s[1]!.at(-1)} |`);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
    const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length);
    console.log(`| mean | ${mean(p50s[0]!)} | ${mean(p50s[1]!)} |`);
  } finally {
    for (const dir of builds) rmSync(dir, { recursive: true, force: true });
    await signal.close();
    git('worktree', 'remove', '--force', worktree);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
