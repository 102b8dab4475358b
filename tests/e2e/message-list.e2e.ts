// The conversation list in a real Chromium: following the newest message, reading up without
// being pulled down, and long histories shown a window at a time (rowWindow.ts).
import type { HearthApp } from '../../src-renderer/services/types';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SignalingServer } from '../../src-server/signaling/server';
import { appUrl, Peer, startSignal } from './harness';

const webUrl = inject('webUrl');
let peer: Peer | undefined;
let signal: SignalingServer | undefined;

afterEach(async () => {
  await peer?.close().catch(() => {});
  if (peer) rmSync(peer.profileDir, { recursive: true, force: true, maxRetries: 3 });
  peer = undefined;
  await signal?.close();
  signal = undefined;
});

async function circleWithList(name: string) {
  signal = await startSignal();
  peer = await Peer.launch('alice', appUrl(webUrl, signal));
  await peer.createVault();
  await peer.createCircle(name, 'Alice');
  const page = peer.page;
  const log = page.getByRole('log');
  return {
    alice: peer,
    log,
    jump: page.getByRole('button', { name: 'Jump to newest messages' }),
    /** Written through the app, not the message box: for the list these arrive like anyone's. */
    arrive: (texts: string[]) =>
      page.evaluate(async (texts) => {
        const app = (
          window as unknown as {
            hearthTestApi: HearthApp;
          }
        ).hearthTestApi;
        const id = app.circles()[0]!.localId;
        for (const text of texts) await app.sendMessage(id, text);
      }, texts),
    distanceFromEnd: () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight),
    /** The first message the reader sees at the top of the list (a day heading may come first). */
    topLine: () =>
      log.evaluate((el) => {
        const box = el.getBoundingClientRect();
        for (let y = box.top + 4; y < box.bottom; y += 8) {
          const text = document
            .elementFromPoint(box.left + box.width / 2, y)
            ?.closest('[data-testid="message"]')
            ?.querySelector('[data-testid="message-text"]')?.textContent;
          if (text) return text;
        }
        return null;
      }),
    /** Where a shown message is among the rows the list holds (they are numbered from the first one it was given). */
    rowIndexOf: (text: string) =>
      log.evaluate(
        (el, text) =>
          Number(
            [...el.querySelectorAll<HTMLElement>('[data-index]')].find(
              (row) => row.querySelector('[data-testid="message-text"]')?.textContent === text,
            )?.dataset.index ?? NaN,
          ),
        text,
      ),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

/**
 * What `read` gives once it gives the same twice, 300 ms apart: the list has stopped moving,
 * however long a busy machine takes to get there.
 */
async function steady<T>(read: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await read();
    if (now === last) return now;
    if (Date.now() > end)
      throw new Error(`still changing after ${timeoutMs} ms: ${String(last)} → ${String(now)}`);
    last = now;
  }
}

describe('the conversation list', () => {
  it('stays at the newest message, and a reader who scrolls up with the keyboard is not pulled back down', async () => {
    const { alice, log, jump, arrive, distanceFromEnd, topLine } =
      await circleWithList('Scrolling');

    await arrive(Array.from({ length: 60 }, (_, i) => `line ${i}`));
    // A tall message (many lines) at the end is shown whole once it has been measured.
    await arrive([Array.from({ length: 12 }, (_, i) => `tall ${i}`).join('\n')]);
    await alice.waitForMessage(Array.from({ length: 12 }, (_, i) => `tall ${i}`).join('\n'));
    await expect.poll(distanceFromEnd).toBeLessThan(2);

    // The list moving up by itself (rows measuring shorter than estimated while a history
    // arrives) is not the reader scrolling: it goes on following the newest message.
    await log.evaluate((el) => el.scrollBy(0, -400));
    await expect.poll(distanceFromEnd).toBeGreaterThan(200);
    await arrive(['still following']);
    await alice.waitForMessage('still following');
    await expect.poll(distanceFromEnd).toBeLessThan(2);
    expect(await jump.isVisible()).toBe(false);

    // Reading up, one arrow key at a time, then a page.
    await log.focus();
    for (let i = 0; i < 3; i++) await alice.page.keyboard.press('ArrowUp');
    await alice.page.keyboard.press('PageUp');
    await expect.poll(distanceFromEnd).toBeGreaterThan(200);
    // (The scroll offset may shift a few pixels as rows above are measured; what they see must not.)
    const reading = await steady(topLine);
    expect(reading).toMatch(/^line \d+$/);
    await arrive(['something new while I read']);
    await expect.poll(() => jump.isVisible()).toBe(true);
    await settle();
    expect(await topLine()).toBe(reading);
    expect(await distanceFromEnd()).toBeGreaterThan(200);

    await jump.click();
    await alice.waitForMessage('something new while I read');
    await expect.poll(distanceFromEnd).toBeLessThan(2);
  });

  it('holds only the newest rows of a long conversation; scrolling up reaches the first message without jumps', async () => {
    const { alice, log, jump, arrive, distanceFromEnd, topLine, rowIndexOf } =
      await circleWithList('Long');
    await arrive(Array.from({ length: 4_000 }, (_, i) => `old ${i}`));
    await alice.waitForMessage('old 3999', 60_000);
    await expect.poll(distanceFromEnd).toBeLessThan(2);
    // Between FOLLOW_ROWS (500) and twice that: it slides down once per 500 new rows.
    expect(await rowIndexOf('old 3999')).toBeLessThan(1_000);

    // Home goes to the top of what the list holds; older rows are then added above, and what
    // the reader sees stays where it is. Each press goes further back, to the first message.
    await log.focus();
    const seen: number[] = [];
    for (let press = 0; press < 6 && seen.at(-1) !== 0; press++) {
      await alice.page.keyboard.press('Home');
      // Older rows are added above once the list is at the top (the row there then has rows
      // above it), or it is the first message. Waited for, as it takes a scroll event and a render.
      await expect
        .poll(async () => {
          const line = await topLine();
          return line === 'old 0' || (line !== null && (await rowIndexOf(line)) > 1);
        })
        .toBe(true);
      const top = await topLine();
      await settle();
      expect(await topLine(), 'the rows on screen stay put while older ones are added').toBe(top);
      seen.push(Number(/^old (\d+)$/.exec(top ?? '')?.[1]));
    }
    // 4,001 rows (one day heading); following the end, the list slid to the newest 500 rows
    // each time it held 1,001 (at 1,001, 1,502, ... 3,506), so it starts at "old 3005". Home
    // shows that row at the top, and it stays there while 1,500 rows above it are added; each
    // further Home goes 1,500 rows further back, to the first message.
    expect(seen).toEqual([3005, 1505, 5, 0]);
    // Only the first day's heading is above the first message.
    expect(await rowIndexOf('old 0')).toBe(1);

    // Reading at the very beginning: a new message does not pull the reader down.
    await arrive(['news while reading the beginning']);
    await expect.poll(() => jump.isVisible()).toBe(true);
    await settle();
    expect(await topLine()).toBe('old 0');

    // Back to the newest: the list again holds only the newest rows.
    await jump.click();
    await alice.waitForMessage('news while reading the beginning');
    await expect.poll(distanceFromEnd).toBeLessThan(2);
    await arrive(['and one more']);
    await alice.waitForMessage('and one more');
    await expect.poll(() => rowIndexOf('and one more')).toBeLessThan(1_000);
    await expect.poll(distanceFromEnd).toBeLessThan(2);
  });
});
