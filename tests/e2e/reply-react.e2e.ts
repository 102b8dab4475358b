// Replies, reactions and copying between real Chromium peers (issue 19), by keyboard alone: what
// one member does the other sees, and so does a newcomer who joins afterwards. A reply's quote
// jumps to its original even when that is far out of the rows the list holds.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { HearthApp } from '../../src-renderer/services/types';
import { peerPool, type Peer } from './harness';

const webUrl = inject('webUrl');
const pool = peerPool(webUrl);

afterEach(() => pool.disposeAll());

/** The message whose own text (not a quote in it) is `text`, on `peer`'s screen. */
const messageWith = (peer: Peer, text: string) =>
  peer.page.getByTestId('message').filter({
    has: peer.page.getByTestId('message-text').getByText(text, { exact: true }),
  });

/** The labels of the reaction chips under the message with `text`. */
const chipsOn = (peer: Peer, text: string) =>
  messageWith(peer, text)
    .getByTestId('reaction-chip')
    .evaluateAll((chips) => chips.map((c) => c.getAttribute('aria-label')));

const focused = (peer: Peer) =>
  peer.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('replies and reactions', () => {
  it('reply and react by keyboard, seen by the other member and by a newcomer', async () => {
    const alice = await pool.launch('alice');
    await alice.createVault();
    await alice.createCircle('Reply circle', 'Alice');
    const code = await alice.invite({ maxUses: 5, approval: 'auto' });
    const bob = await pool.launch('bob');
    await bob.createVault();
    await bob.join(code, 'Bob');
    await alice.send('How was everyone’s week?');
    await bob.waitForMessage('How was everyone’s week?');

    // Bob answers: Reply, write, Enter.
    const original = messageWith(bob, 'How was everyone’s week?');
    await original.getByRole('button', { name: "Reply to Alice's message" }).focus();
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => focused(bob)).toBe('composer');
    await expect
      .poll(() => bob.page.getByTestId('composer-reply').textContent())
      .toContain('Replying to Alice: How was everyone’s week?');
    await bob.page.keyboard.type('Hard, but I am still here');
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => bob.page.getByTestId('composer-reply').count()).toBe(0);

    // Bob reacts: the React button opens a menu; arrow keys move in it, Enter picks.
    await original.getByTestId('react-button').focus();
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => focused(bob)).toBe('reaction-option');
    await bob.page.keyboard.press('ArrowRight');
    await bob.page.keyboard.press('ArrowRight');
    await bob.expectAccessible('a message with its reaction menu open');
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => chipsOn(bob, 'How was everyone’s week?')).toEqual(['🙏 1: you']);
    expect(await focused(bob)).toBe('react-button');
    // Escape closes the menu and gives the focus back to its button.
    await bob.page.keyboard.press('Enter');
    await expect.poll(() => focused(bob)).toBe('reaction-option');
    await bob.page.keyboard.press('Escape');
    await expect.poll(() => focused(bob)).toBe('react-button');
    expect(await bob.page.getByTestId('reaction-menu').count()).toBe(0);

    // Alice sees the reply with its quote, and Bob's reaction; she adds hers from the chip.
    await alice.waitForMessage('Hard, but I am still here');
    const reply = messageWith(alice, 'Hard, but I am still here');
    await expect
      .poll(() => reply.getByTestId('reply-quote').textContent())
      .toBe('Alice How was everyone’s week?');
    await expect.poll(() => chipsOn(alice, 'How was everyone’s week?')).toEqual(['🙏 1: Bob']);
    const chip = messageWith(alice, 'How was everyone’s week?').getByTestId('reaction-chip');
    expect(await chip.getAttribute('aria-pressed')).toBe('false');
    await chip.focus();
    await alice.page.keyboard.press('Space');
    await expect
      .poll(() => chipsOn(alice, 'How was everyone’s week?'))
      .toEqual(['🙏 2: Bob and you']);
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() => chipsOn(bob, 'How was everyone’s week?'))
      .toEqual(['🙏 2: you and Alice']);
    await alice.expectAccessible('a reply and a reaction');

    // Carol joins afterwards and sees both, named.
    const carol = await pool.launch('carol');
    await carol.createVault();
    await carol.join(code, 'Carol');
    await carol.waitForMessage('Hard, but I am still here', 60_000);
    await expect
      .poll(
        () =>
          messageWith(carol, 'Hard, but I am still here').getByTestId('reply-quote').textContent(),
        {
          timeout: 30_000,
        },
      )
      .toBe('Alice How was everyone’s week?');
    await expect
      .poll(() => chipsOn(carol, 'How was everyone’s week?'), { timeout: 30_000 })
      .toEqual(['🙏 2: Bob and Alice']);

    // Copy puts the plain text on the clipboard and says so.
    await bob.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(webUrl).origin,
    });
    await messageWith(bob, 'How was everyone’s week?').getByTestId('copy-button').focus();
    await bob.page.keyboard.press('Enter');
    await expect
      .poll(() =>
        messageWith(bob, 'How was everyone’s week?').getByTestId('copy-status').textContent(),
      )
      .toBe('Copied');
    expect(await bob.page.evaluate(() => navigator.clipboard.readText())).toBe(
      'How was everyone’s week?',
    );
  });

  it('a quote jumps to its original far up a long conversation', async () => {
    const alice = await pool.launch('alice');
    await alice.createVault();
    await alice.createCircle('Long replies', 'Alice');
    await alice.page.evaluate(async () => {
      const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
      const id = app.circles()[0]!.localId;
      await app.sendMessage(id, 'the very first message');
      const { author, id: firstId } = app.circleView(id)!.messages.at(0)!;
      const first = { author, id: firstId };
      for (let i = 0; i < 1_600; i++) await app.sendMessage(id, `filler ${i}`);
      await app.sendMessage(id, 'an answer to the first', undefined, first);
    });
    await alice.waitForMessage('an answer to the first', 60_000);
    // The original is out of the rows the list holds (it holds the newest 500 to 1,000).
    expect(await messageWith(alice, 'the very first message').count()).toBe(0);

    const quote = messageWith(alice, 'an answer to the first').getByTestId('reply-quote');
    await quote.focus();
    await alice.page.keyboard.press('Enter');
    const first = messageWith(alice, 'the very first message');
    await expect.poll(() => first.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => first.getAttribute('class')).toContain('message--highlight');
    await expect.poll(() => first.isVisible()).toBe(true);
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    // The highlight is brief.
    await expect
      .poll(() => first.getAttribute('class'), { timeout: 10_000 })
      .not.toContain('message--highlight');
  });
});
