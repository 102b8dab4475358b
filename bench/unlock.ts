// Unlock in the real app (e2e build, Chromium): passphrase to unlocked with the vault's Argon2id
// limits, and the key derivation alone in the app's own worker. Called from bench/run.ts; the
// limits themselves were chosen with bench/argon2-limits.ts.
import type { Page } from 'playwright-core';
import { api, launch, PASS, round } from './peers';

const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A fresh profile makes a vault, then the page is reloaded (locking it, as a restart does) and
 * unlocked RUNS times. Each run is timed in the page from the call to `unlock` until the app says
 * it is unlocked, circles and journal opened: what a person waits for after pressing Unlock.
 */
export async function benchUnlock(
  url: string,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  log('Unlock…');
  const peer = await launch(url);
  try {
    await api(peer.page).run((app, pass) => app.createVault(pass), PASS);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await timedUnlock(peer.page));
    log(`  unlock runs (ms): ${times.map(round).join(', ')}`);
    return { unlockMs: round(median(times)) };
  } finally {
    await peer.context.close();
  }
}

async function timedUnlock(page: Page): Promise<number> {
  await page.reload();
  await page.waitForFunction(() => 'hearthTestApi' in window);
  return api(page).run(async (app, pass) => {
    if (app.vaultPhase() !== 'locked') throw new Error(`vault is ${app.vaultPhase()}`);
    const start = performance.now();
    await app.unlock(pass);
    if (app.vaultPhase() !== 'unlocked') throw new Error('unlock did not finish');
    return performance.now() - start;
  }, PASS);
}

export const UNLOCK_TARGETS: Record<string, string> = { unlockMs: '≤ 1500' };
