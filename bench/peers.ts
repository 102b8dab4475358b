// What the benchmarks share: peers (each its own Chromium process, with a persistent profile),
// calls into the app's own API inside a page, and a watch for a message appearing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import type { HearthApp, InviteOptions } from '../src-renderer/services/types';

export const PASS = 'benchmark passphrase';
/**
 * A timed message is sent this long after the DevTools call that asks for it has returned, so
 * the harness's own traffic (the call's answer crossing to Node) is over before the clock starts.
 */
export const SEND_DELAY_MS = 3;
/** Warm-up messages are sent this many at a time, then the last is waited for in the other peer. */
const WARM_UP_BATCH = 50;

/**
 * The invite of the benchmarks that time something after admission (delivery, the 10k late
 * join): the newcomer is let in on knocking, as every invite did before issue 15. Waiting for a
 * facilitator is timed on its own, by approvalMs (bench/approval.ts).
 */
export const AUTO_INVITE: InviteOptions = { expiresIn: '1d', maxUses: 1, approval: 'auto' };

export interface BenchPeer {
  context: BrowserContext;
  page: Page;
  dir: string;
}

/** Opens `url` in a Chromium process of its own; with `app`, waits for Hearth's test handle. */
export async function launch(
  url: string,
  dir = mkdtempSync(join(tmpdir(), 'hearth-bench-')),
  app = true,
): Promise<BenchPeer> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    permissions: ['camera', 'microphone'],
    viewport: { width: 1100, height: 760 },
  });
  // tsx wraps named functions in __name(); functions sent to the page need it defined.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  if (app) await page.waitForFunction(() => 'hearthTestApi' in window);
  return { context, page, dir };
}

/**
 * Calls into the app's own API inside the page (the same calls the UI makes). The function is
 * sent as source text; `__name` is stubbed because tsx adds calls to it when it keeps names.
 */
export type Api = HearthApp;
export const api = (page: Page) => ({
  run: <T, A>(f: (app: Api, arg: A) => T | Promise<T>, arg: A): Promise<T> =>
    page.evaluate<T>(
      `(() => { var __name = (f) => f; return (${f.toString()})(window.hearthTestApi, ${JSON.stringify(arg)}); })()`,
    ),
});

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Starts watching the page for a message with this text; the returned function resolves with
 * the page's clock when it is rendered. Everything the page must do for the watch, including
 * the DevTools call that waits for the answer, is done before this resolves: awaited before
 * sending, the harness sends nothing to the receiving page while a message is on its way. (When
 * that waiting call went out after the send, it reached the page during the hop and held up the
 * message behind it: 0.6–1.1 ms on the median, message by message in the same peers.)
 */
export async function watchFor(
  page: Page,
  text: string,
  timeout = 120_000,
  /** Wait instead for a reaction chip under that message (reactionDeliveryP50Ms). */
  reacted = false,
): Promise<() => Promise<number>> {
  const watch = await page.evaluateHandle(
    ([text, timeout, reacted]) => ({
      seen: new Promise<number>((resolve, reject) => {
        const found = () =>
          [...document.querySelectorAll('[data-testid="message-text"]')].some(
            (e) =>
              e.textContent === text &&
              (!reacted ||
                !!e
                  .closest('[data-testid="message"]')
                  ?.querySelector('[data-testid="reaction-chip"]')),
          );
        if (found()) return resolve(performance.timeOrigin + performance.now());
        const obs = new MutationObserver(() => {
          // The time first: looking through the rows is the watch's work, not the app's.
          const at = performance.timeOrigin + performance.now();
          if (found()) {
            obs.disconnect();
            resolve(at);
          }
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error(`not visible: ${text}`)), timeout);
      }),
    }),
    [text, timeout, reacted] as const,
  );
  const seen = watch.evaluate((w) => w.seen).finally(() => watch.dispose());
  seen.catch(() => {}); // handled by whoever calls the returned function
  // DevTools calls to one page are run in order: once this returns, the page holds the call above.
  await page.evaluate('0');
  return () => seen;
}

/** Waits in the page until a message with this text is rendered; returns the page's clock then. */
export const visibleAt = async (page: Page, text: string, timeout = 120_000) =>
  (await watchFor(page, text, timeout))();

export async function openFirstCircle(page: Page) {
  await page.getByTestId('circle-item').first().click();
}

/** `page`'s app joins with `token` as `name`, and resolves once it is let in. */
export function joinAdmitted(page: Page, token: string, name: string): Promise<void> {
  return api(page).run(
    (app, [code, name]) => {
      const r = app.join(code, name);
      if (!r.ok) throw new Error(r.message);
      return new Promise<void>((done) => {
        const check = () => r.attempt.state().phase === 'admitted' && done();
        r.attempt.subscribe(check);
        check();
      });
    },
    [token, name] as const,
  );
}

/**
 * Delivery: two peers form a circle and one sends `messages` messages, one at a time; each is
 * timed from just before it is sent to it being rendered in the other peer. Returns the times
 * (ms); the peers are closed before it returns. With `warmUp`, that many messages go first, in
 * batches, untimed: a conversation under way, whose code the JavaScript engine has optimised.
 *
 * While a message is on its way the harness is silent: the receiver's watch is in place before,
 * the sender sends from a timer after its DevTools call has answered, and the send time is
 * fetched afterwards. This machine's two cores are shared by four browser processes and Node, so
 * DevTools traffic during the hop was timed as if it were Hearth's: with the sender's answer
 * crossing during the hop, the median was 0.2–0.8 ms higher (four alternating rounds of 200).
 */
export async function measureDelivery(
  url: string,
  messages: number,
  warmUp = 0,
): Promise<number[]> {
  const { a, b, aId } = await twoInCircle(url);
  try {
    for (let sent = 0; sent < warmUp; sent += WARM_UP_BATCH) {
      const batch = Math.min(WARM_UP_BATCH, warmUp - sent);
      await api(a.page).run(
        async (app, [id, from, n]) => {
          for (let i = from; i < from + n; i++) await app.sendMessage(id, `warm-up ${i}`);
        },
        [aId, sent, batch] as const,
      );
      await visibleAt(b.page, `warm-up ${sent + batch - 1}`);
    }
    await api(a.page).run((app, id) => app.sendMessage(id, 'warm-up'), aId);
    await visibleAt(b.page, 'warm-up');
    const times: number[] = [];
    for (let i = 0; i < messages; i++) {
      const seen = await watchFor(b.page, `delivery ${i}`);
      const sentAt = await sendLater(
        a.page,
        (app, [id, i]) => app.sendMessage(id, `delivery ${i}`),
        [aId, i] as const,
      );
      times.push((await seen()) - (await sentAt()));
    }
    return times;
  } finally {
    // Two cores: whatever runs next should not compete with these peers.
    await Promise.all([closePeer(a), closePeer(b)]);
  }
}

/** A's new circle `name` with B let in, both with vaults and the circle on screen; its id in A. */
export async function formCircle(a: BenchPeer, b: BenchPeer, name = 'Bench'): Promise<string> {
  await api(a.page).run((app, pass) => app.createVault(pass), PASS);
  await api(b.page).run((app, pass) => app.createVault(pass), PASS);
  const id = await api(a.page).run(
    (app, name) => app.createCircle({ name, description: '', displayName: 'A' }),
    name,
  );
  const invite = await api(a.page).run((app, [id, options]) => app.createInvite(id, options), [
    id,
    AUTO_INVITE,
  ] as const);
  await joinAdmitted(b.page, invite.token, 'B');
  await openFirstCircle(a.page);
  await openFirstCircle(b.page);
  return id;
}

/** Two new peers in a circle A made and B joined (formCircle). Close both with closePeer when done. */
export async function twoInCircle(
  url: string,
): Promise<{ a: BenchPeer; b: BenchPeer; aId: string }> {
  const a = await launch(url);
  const b = await launch(url).catch(async (e: unknown) => {
    await closePeer(a);
    throw e;
  });
  try {
    return { a, b, aId: await formCircle(a, b) };
  } catch (e) {
    await Promise.all([closePeer(a), closePeer(b)]);
    throw e;
  }
}

/**
 * Runs `send` in the page's app from a timer, SEND_DELAY_MS after this call has answered (see
 * measureDelivery). Returns a function giving the page's clock just before `send` ran.
 */
export async function sendLater<A>(
  page: Page,
  send: (app: Api, arg: A) => Promise<unknown>,
  arg: A,
): Promise<() => Promise<number>> {
  await page.evaluate(
    `(() => { var __name = (f) => f; const send = (${send.toString()}); const arg = ${JSON.stringify(arg)};
      window.benchSent = new Promise((resolve, reject) => setTimeout(() => {
        const t = performance.timeOrigin + performance.now();
        send(window.hearthTestApi, arg).then(() => resolve(t), reject);
      }, ${SEND_DELAY_MS})); })()`,
  );
  return () => page.evaluate(() => (window as unknown as { benchSent: Promise<number> }).benchSent);
}

/** Closes the peer's browser and removes its profile. */
export async function closePeer(peer: BenchPeer): Promise<void> {
  await peer.context.close().catch(() => {});
  rmSync(peer.dir, { recursive: true, force: true });
}
