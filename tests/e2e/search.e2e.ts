// Search in a circle's history (issue 19), in a real Chromium: Ben, a member, finds one message
// among 10,000 by keyboard alone, case and accents aside, and lands on it in the conversation,
// far above the rows the list holds at first; a blocked member's message and one a facilitator
// hid are never found, and one behind a content warning is only counted until he asks.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { HearthApp } from '../../src-renderer/services/types';
import { peerPool, type Peer } from './harness';

const pool = peerPool(inject('webUrl'));
let ann: Peer;
let ben: Peer;
let cal: Peer;

const MESSAGES = 10_000;
/** Far up the history: the list holds only the newest few hundred rows until asked. */
const TARGET_AT = 2_000;
const TARGET = 'Our quiet Quókka walk by the river';
const FROM_CAL = 'A quokka from Cal, whom Ben blocks';
const HIDDEN = 'A quokka message the facilitator hides';
const WARNED = 'A heavy quokka day';

afterAll(() => pool.disposeAll());

/** Ann writes the history through the app, as fast as it takes it (no message box per message). */
async function fillHistory(peer: Peer): Promise<void> {
  await peer.page.evaluate(
    async ({ total, at, target }) => {
      const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
      const id = app.circles()[0]!.localId;
      for (let i = 0; i < total; i++)
        await app.sendMessage(id, i === at ? target : `message ${i} about the day`);
    },
    { total: MESSAGES, at: TARGET_AT, target: TARGET },
  );
}

const focusedTestId = (p: Peer) =>
  p.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('search', () => {
  it('finds a message among 10,000 by keyboard, shows it, and never finds what is kept from the reader', async () => {
    [ann, ben, cal] = await Promise.all([
      pool.launch('ann'),
      pool.launch('ben'),
      pool.launch('cal'),
    ]);
    await Promise.all([ann.createVault(), ben.createVault(), cal.createVault()]);
    await ann.createCircle('Evening circle', 'Ann');
    await fillHistory(ann);
    const code = await ann.invite({ approval: 'auto', maxUses: 5 });
    await Promise.all([ben.join(code, 'Ben', 120_000), cal.join(code, 'Cal', 120_000)]);

    // Cal writes; Ann hides one of hers; one goes out behind a content warning.
    await cal.send(FROM_CAL);
    await ann.send(HIDDEN);
    await ann.waitForMessage(HIDDEN);
    await ann.page
      .getByTestId('message')
      .filter({ hasText: HIDDEN })
      .getByTestId('moderate-message')
      .click();
    await ann.page.getByTestId('moderation-reason').fill('Testing search');
    await ann.page.getByTestId('moderation-confirm').click();
    await ann.page.evaluate(async (text) => {
      const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
      await app.sendMessage(app.circles()[0]!.localId, text, 'grief');
    }, WARNED);
    await ben.waitForMessage(FROM_CAL, 60_000);
    await expect
      .poll(() => ben.page.getByTestId('message-hidden').count(), { timeout: 30_000 })
      .toBe(1);
    await expect
      .poll(() => ben.page.getByTestId('covered-message').count(), { timeout: 30_000 })
      .toBe(1);
    // All 10,000 of the history are in Ben's view before he searches it.
    await expect
      .poll(
        () =>
          ben.page.evaluate(() => {
            const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
            return app.circleView(app.circles()[0]!.localId)?.messages.length ?? 0;
          }),
        { timeout: 120_000 },
      )
      .toBeGreaterThanOrEqual(MESSAGES + 3);

    // Ben blocks Cal.
    await ben.page.getByTestId('online-count').click();
    await ben.page
      .getByTestId('member')
      .filter({ hasText: 'Cal' })
      .getByTestId('block-member')
      .click();
    await ben.page.getByTestId('block-confirm').click();
    await expect.poll(() => ben.page.getByTestId('blocked-message').count()).toBe(1);
    // The block shows before its dialog closes (after the save): until then the page is inert.
    await expect.poll(() => ben.page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);

    // Keyboard only from here: Ctrl+F from the message box.
    await ben.page.getByTestId('composer').focus();
    await expect.poll(() => focusedTestId(ben)).toBe('composer');
    await ben.page.keyboard.press('Control+f');
    await expect.poll(() => focusedTestId(ben)).toBe('search-input');
    await ben.page.keyboard.type('QUOKKA', { delay: 20 });
    const status = ben.page.getByTestId('search-status');
    // Results follow typing after a pause, so a slow key may show "quokk" first: wait for the word.
    await expect.poll(() => status.getAttribute('data-words'), { timeout: 10_000 }).toBe('quokka');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('1 message found.');
    const results = ben.page.getByTestId('search-result');
    expect(await results.count()).toBe(1);
    expect(await results.first().textContent()).toContain(TARGET);
    expect(await results.first().locator('mark').textContent()).toBe('Quókka');
    // Behind a content warning: counted, not shown, until he asks.
    expect(await ben.page.getByTestId('search-warned').textContent()).toContain(
      '1 result behind a content warning',
    );
    const panel = ben.page.getByTestId('search-panel');
    expect(await panel.textContent()).not.toContain(WARNED);
    expect(await panel.textContent()).not.toContain(HIDDEN);
    expect(await panel.textContent()).not.toContain(FROM_CAL);
    expect(await ben.page.getByTestId('search-hidden').count()).toBe(0);
    await ben.expectAccessible('search results');

    // Down to the result, Enter: the conversation shows it, marked, and it takes focus.
    await ben.page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedTestId(ben)).toBe('search-result');
    await ben.page.keyboard.press('Enter');
    const found = ben.page.locator('[data-testid="message"][data-found]');
    await expect.poll(() => found.textContent(), { timeout: 10_000 }).toContain(TARGET);
    await expect.poll(() => focusedTestId(ben), { timeout: 10_000 }).toBe('message');
    await expect
      .poll(
        () =>
          found.evaluate((el) => {
            const box = el.getBoundingClientRect();
            const log = el.closest('[role="log"]')!.getBoundingClientRect();
            return box.top >= log.top && box.bottom <= log.bottom;
          }),
        { timeout: 10_000 },
      )
      .toBe(true);
    await ben.expectAccessible('a message found by search');

    // Opening the warned message in the conversation shows it among the results at once,
    // without another key in the search field.
    await ben.page.getByRole('log').focus();
    await ben.page.keyboard.press('End');
    await ben.page.getByTestId('open-covered').click();
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(2);
    expect(await panel.textContent()).toContain(WARNED);
    expect(await ben.page.getByTestId('search-warned').count()).toBe(0);

    // Ctrl+F again goes back to the field; Escape closes and gives focus back to the message box.
    await ben.page.keyboard.press('Control+f');
    await expect.poll(() => focusedTestId(ben)).toBe('search-input');
    await ben.page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => focusedTestId(ben)).toBe('composer');
  });
});
