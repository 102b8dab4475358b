// Facilitators keep a circle safe (issue 17), between real Chromium peers: the guidelines stand in
// front of a newcomer's composer until accepted, and again when a facilitator changes them; a
// hidden message shows as hidden to every member and to a newcomer who joins afterwards (its text
// is in nobody's page but the writer's and, once opened, a facilitator's); a muted member's
// messages reach nobody while the mute runs; the facilitators' log keeps every action and reason.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { peerPool, type Peer } from './harness';
import { openCircleTool } from './circle-tools';

const pool = peerPool(inject('webUrl'));
let ann: Peer;
let ben: Peer;
let cal: Peer;

const inPage = (p: Peer, text: string) =>
  p.page.evaluate((t) => document.documentElement.outerHTML.includes(t), text);

/** The peers, made once by the first test that needs them (expect.poll runs only inside tests). */
let ready: Promise<void> | undefined;
const setUp = () => (ready ??= launchPeers());

async function launchPeers(): Promise<void> {
  [ann, ben, cal] = await Promise.all([pool.launch('ann'), pool.launch('ben'), pool.launch('cal')]);
  await Promise.all([ann.createVault(), ben.createVault(), cal.createVault()]);
  await ann.createCircle('Tuesday circle', 'Ann');
}

afterAll(() => pool.disposeAll());

describe('moderation', () => {
  it("a newcomer meets the guidelines before the composer, and again after a facilitator's change", async () => {
    await setUp();
    await ben.startJoin(await ann.invite({ approval: 'auto' }), 'Ben');
    const gate = ben.page.getByTestId('guidelines-gate');
    await expect.poll(() => gate.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await ben.page.getByTestId('composer').count()).toBe(0);
    expect(await gate.textContent()).toContain('not a crisis service');
    await ben.expectAccessible('the guidelines before the first message');
    await ben.page.getByTestId('guidelines-accept').click();
    await expect.poll(() => ben.page.getByTestId('composer').isVisible()).toBe(true);

    // Ann writes the circle's own; Ben is asked again, with the new text.
    await ann.page.getByTestId('guidelines-button').click();
    await ann.page.getByTestId('guidelines-edit').click();
    await ann.page.getByTestId('guidelines-text').fill('Listen first. No advice unless asked.');
    await ann.page.getByTestId('guidelines-save').click();
    await expect
      .poll(() => ann.page.getByTestId('guidelines-view').textContent())
      .toContain('Listen first');
    await ann.expectAccessible('the guidelines dialog');
    await ann.page.keyboard.press('Escape');
    await expect
      .poll(() => gate.textContent(), { timeout: 20_000 })
      .toContain('Listen first. No advice unless asked.');
    await ben.waitUntilWriting();
  });

  it('a hidden message is hidden for every member and for a newcomer who joins afterwards', async () => {
    await setUp();
    const text = 'Something I should not have posted here';
    await ben.send(text);
    await ann.waitForMessage(text);
    await ann.page.getByTestId('moderate-message').last().click();
    await ann.page.getByTestId('moderation-reason').fill('Shares another person’s details');
    await ann.expectAccessible('hiding a message');
    await ann.page.getByTestId('moderation-confirm').click();
    await expect.poll(() => ann.page.getByTestId('message-hidden').count()).toBe(1);
    // The dialog quotes the message while open, and closes once the hide is stored.
    await expect.poll(() => ann.page.getByTestId('moderation-reason').count()).toBe(0);
    // The facilitator reads it only on choosing to.
    expect(await inPage(ann, text)).toBe(false);
    await ann.page.getByTestId('open-hidden').click();
    expect(await inPage(ann, text)).toBe(true);
    // The writer sees that it was hidden.
    await expect
      .poll(() => ben.page.getByTestId('message-hidden').count(), { timeout: 20_000 })
      .toBe(1);

    // Cal joins afterwards: the hide comes with the circle, the text is nowhere in the page.
    await cal.join(await ann.invite({ approval: 'auto' }), 'Cal');
    await expect
      .poll(() => cal.page.getByTestId('message-hidden').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await inPage(cal, text)).toBe(false);
  });

  it("a muted member's messages reach nobody while the mute runs; the log keeps every action", async () => {
    await setUp();
    await setUp();
    await ann.page.getByTestId('online-count').click();
    // By its name: a row's text holds other names too while the list changes under a click.
    await ann.page.getByRole('button', { name: /^Mute Ben\b/ }).click();
    await ann.page.getByTestId('mute-reason').fill('A cooling-off hour');
    await ann.expectAccessible('muting a member');
    await ann.page.getByTestId('mute-confirm').click();
    await ann.page.getByTestId('online-count').click();
    await expect
      .poll(() => ann.page.getByTestId('member-muted').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await ann.page.keyboard.press('Escape');

    // Ben's app tells him calmly instead of offering the composer; an app that writes anyway
    // (the attack: a changed app) reaches nobody.
    await expect
      .poll(() => ben.page.getByTestId('muted-note').isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await ben.page.getByTestId('composer').count()).toBe(0);
    // Below the app's own refusal (Circles.sendMessage says "you are muted"): the session
    // writes the record as a changed app would.
    await ben.page.evaluate(() => {
      type Session = {
        append(r: unknown): void;
        draft(kind: string, body: unknown): unknown;
      };
      type Internals = { circleSet: { sessions: Map<string, Session> } };
      const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
      const session = [...app.circleSet.sessions.values()][0]!;
      session.append(session.draft('message', { text: 'Written while muted' }));
    });
    await ann.send('Ann is still heard');
    await cal.waitForMessage('Ann is still heard');
    await ann.waitForMessage('Ann is still heard');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await inPage(cal, 'Written while muted')).toBe(false);
    expect(await inPage(ann, 'Written while muted')).toBe(false);

    await openCircleTool(ann, 'facilitator-log-button');
    const log = ann.page.getByRole('dialog');
    await expect.poll(() => log.textContent()).toContain('A cooling-off hour');
    expect(await log.textContent()).toContain('Shares another person’s details');
    expect(await log.textContent()).toContain('Guidelines changed');
  });
});
