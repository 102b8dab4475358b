// `approvalMs`: a newcomer presses Join with a default share code (a facilitator approves each
// newcomer); once the facilitator's page shows "Approve <name>", the harness clicks it. Timed from
// that click, in the facilitator's page, until the circle's newest message is rendered in the
// newcomer's page: the time the facilitator takes to decide is not Hearth's. Real Chromium peers
// over loopback WebRTC, as the other figures. Called from bench/run.ts.
import type { Page } from 'playwright-core';
import { api, closePeer, launch, openFirstCircle, PASS, watchFor, type BenchPeer } from './peers';

const RUNS = 3;
/** Messages in the circle before anyone knocks. */
const HISTORY = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** Notes, in the facilitator's page, when an Approve button is clicked (before the app reacts). */
async function noteApproveClick(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { approvedAt?: number };
    delete w.approvedAt;
    document.addEventListener(
      'click',
      (e) => {
        const button = (e.target as Element | null)?.closest('button');
        if (button?.textContent?.startsWith('Approve ')) {
          w.approvedAt ??= performance.timeOrigin + performance.now();
        }
      },
      { capture: true, once: true },
    );
  });
}

/** Opens the queue from the facilitator's notice, and waits for the newcomer's Approve button. */
async function approveButton(page: Page, name: string) {
  await page.getByTestId('knock-review').click({ timeout: 60_000 });
  const approve = page.getByRole('button', { name: `Approve ${name}`, exact: true });
  await approve.waitFor({ timeout: 60_000 });
  return approve;
}

/** One newcomer, from Join pressed to the newest message seen; returns the time from the click. */
async function oneApproval(url: string, f: BenchPeer, fId: string, run: number): Promise<number> {
  const newest = `newest before newcomer ${run}`;
  await api(f.page).run((app, [id, text]) => app.sendMessage(id, text), [fId, newest] as const);
  // A default code: seven days, one use, a facilitator approves.
  const invite = await api(f.page).run((app, id) => app.createInvite(id), fId);
  const n = await launch(url);
  try {
    await api(n.page).run((app, pass) => app.createVault(pass), PASS);
    const name = `Newcomer ${run}`;
    await n.page.getByTestId('join-circle').click();
    await n.page.getByTestId('join-code').fill(invite.token);
    await n.page.getByTestId('join-name').fill(name);
    await n.page.getByTestId('join-submit').click();
    const approve = await approveButton(f.page, name);
    // The newcomer's watch is in place before the click, so nothing of the harness's reaches
    // its page while the answer is on its way.
    const seen = await watchFor(n.page, newest);
    await noteApproveClick(f.page);
    await approve.click();
    const seenAt = await seen();
    const approvedAt = await f.page.evaluate(
      () => (window as unknown as { approvedAt: number }).approvedAt,
    );
    // The queue, now empty, is closed for the next newcomer's notice.
    await f.page.keyboard.press('Escape');
    await f.page.getByRole('dialog').waitFor({ state: 'detached' });
    return seenAt - approvedAt;
  } finally {
    // Two cores: the next newcomer should not compete with this one.
    await closePeer(n);
  }
}

/** The approval figure: the median of RUNS newcomers let into one facilitator's circle. */
export async function benchApproval(
  url: string,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  log('Approval: a newcomer knocks, a facilitator approves…');
  const f = await launch(url);
  try {
    await api(f.page).run((app, pass) => app.createVault(pass), PASS);
    const fId = await api(f.page).run(
      (app) => app.createCircle({ name: 'Approval', description: '', displayName: 'F' }),
      null,
    );
    await api(f.page).run(
      async (app, [id, n]) => {
        for (let i = 0; i < n; i++) await app.sendMessage(id, `history ${i}`);
      },
      [fId, HISTORY] as const,
    );
    await openFirstCircle(f.page);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      times.push(await oneApproval(url, f, fId, run));
      log(`  newcomer ${run + 1}: ${round(times[run]!)} ms`);
    }
    return { approvalMs: round(median(times)) };
  } finally {
    await closePeer(f);
  }
}

export const APPROVAL_TARGETS: Record<string, string> = { approvalMs: '≤ 1000' };
