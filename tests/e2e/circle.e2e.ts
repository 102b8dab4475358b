// A private circle end to end: real Chromium processes, real WebRTC over loopback, real
// IndexedDB, real libsodium. Each test starts its own signaling server on 127.0.0.1.
import type { HearthApp } from '../../src-renderer/services/types';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startSignalingServer, type SignalingServer } from '../../src-server/signaling/server';
import { appUrl, deadSignaling, Peer, startSignal, type DeadSignaling } from './harness';

const webUrl = inject('webUrl');
let peers: Peer[] = [];
let signal: SignalingServer | undefined;
/** Addresses held dead for a test. */
let dead: DeadSignaling[] = [];

async function launch(name: string, profileDir?: string): Promise<Peer> {
  const peer = await Peer.launch(name, appUrl(webUrl, signal!), profileDir);
  peers.push(peer);
  return peer;
}

afterEach(async () => {
  // Close every browser first: a reopened profile is shared by two Peer objects.
  await Promise.all(peers.map((p) => p.close().catch(() => {})));
  for (const dir of new Set(peers.map((p) => p.profileDir)))
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  peers = [];
  await signal?.close();
  signal = undefined;
  await Promise.all(dead.map((d) => d.close()));
  dead = [];
});

async function holdDead(port?: number): Promise<DeadSignaling> {
  const held = await deadSignaling(port);
  dead.push(held);
  return held;
}

describe('a private circle', () => {
  it('three people form a circle and talk both ways, every screen accessible', async () => {
    signal = await startSignal();
    const alice = await launch('alice');
    await alice.expectAccessible('first start');
    // A guessable passphrase: the meter says so in words, and it is refused with a calm reason.
    await alice.page.getByTestId('passphrase').fill('password1234');
    const meter = alice.page.getByRole('meter', { name: 'How hard to guess' });
    await expect
      .poll(() => meter.getAttribute('aria-valuetext'))
      .toMatch(/easy to guess, not strong enough/i);
    await alice.page.getByTestId('passphrase-confirm').fill('password1234');
    await alice.page.getByTestId('vault-submit').click();
    await expect
      .poll(() => alice.page.getByTestId('vault-error').textContent())
      .toMatch(/easy for a computer to guess/);
    await alice.expectAccessible('first start, weak passphrase refused');
    await alice.createVault();
    await alice.expectAccessible('no circles yet');
    await alice.page.getByTestId('new-circle').click();
    await alice.expectAccessible('new circle');
    await alice.createCircle('Evening circle', 'Alice', 'A quiet place to talk after work');
    await alice.expectAccessible('chat');
    await alice.page.getByTestId('invite-button').click();
    await alice.expectAccessible('invite form, no invite yet');
    await alice.page.keyboard.press('Escape');
    // One code for two newcomers, let in on knocking: approval has its own tests (membership-*).
    const code = await alice.invite({ maxUses: 5, approval: 'auto' });
    await alice.page.getByTestId('invite-button').click();
    await expect.poll(() => alice.page.getByTestId('invite-item').count()).toBe(1);
    await alice.expectAccessible('invite panel with an invite listed');
    await alice.page.keyboard.press('Escape');

    const [bob, carol] = await Promise.all([launch('bob'), launch('carol')]);
    await Promise.all([bob.createVault(), carol.createVault()]);
    await bob.page.getByTestId('join-circle').click();
    await bob.expectAccessible('join');
    await bob.page.keyboard.press('Escape');
    await bob.join(code, 'Bob');
    await carol.join(code, 'Carol');

    await alice.send('Welcome, both of you');
    await alice.waitForMessage('Welcome, both of you');
    await bob.waitForMessage('Welcome, both of you');
    await carol.waitForMessage('Welcome, both of you');
    await bob.send('Thanks, glad to be here');
    await alice.waitForMessage('Thanks, glad to be here');
    await carol.waitForMessage('Thanks, glad to be here');
    await carol.send('Hi everyone');
    await alice.waitForMessage('Hi everyone');
    await bob.waitForMessage('Hi everyone');

    // Same order and authors everywhere.
    const order = ['Welcome, both of you', 'Thanks, glad to be here', 'Hi everyone'];
    for (const p of [alice, bob, carol]) {
      expect((await p.visibleMessages()).filter((t) => order.includes(t))).toEqual(order);
      await expect
        .poll(() => p.page.getByTestId('online-count').textContent(), { timeout: 15_000 })
        .toContain('3 of 3');
    }
    const carolSees = await carol.page
      .getByTestId('message')
      .filter({ hasText: 'Thanks, glad to be here' })
      .getByTestId('message-author')
      .textContent();
    expect(carolSees).toContain('Bob');
    await bob.expectAccessible('chat with messages');
    await bob.page.getByTestId('online-count').click();
    await expect
      .poll(() => bob.page.getByTestId('online-count').getAttribute('aria-expanded'))
      .toBe('true');
    await bob.expectAccessible('who is online');
    await bob.page.keyboard.press('Escape');
    // The dark theme follows the system's; its colours are checked too.
    await bob.page.emulateMedia({ colorScheme: 'dark' });
    expect(await bob.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(28, 24, 21)',
    ); // --bg, dark
    await bob.expectAccessible('chat with messages, dark theme');
  });

  it('a member who was away catches up, and history is back after a restart and unlock', async () => {
    signal = await startSignal();
    const alice = await launch('alice');
    await alice.createVault();
    await alice.createCircle('Morning circle', 'Alice');
    const code = await alice.invite({ approval: 'auto' });
    const bob = await launch('bob');
    await bob.createVault();
    await bob.join(code, 'Bob');
    await bob.send('Before I go');
    await alice.waitForMessage('Before I go');

    await bob.close(); // Bob goes offline; his profile stays on disk.
    await alice.send('Said while Bob was away');
    await alice.send('And one more');

    const bobAgain = await launch('bob-again', bob.profileDir);
    await bobAgain.page.getByTestId('passphrase').fill('not my passphrase');
    await bobAgain.page.getByTestId('vault-submit').click();
    await expect
      .poll(() => bobAgain.page.getByTestId('vault-error').textContent(), { timeout: 15_000 })
      .toMatch(/passphrase/i);
    await bobAgain.expectAccessible('wrong passphrase');
    await bobAgain.unlock();
    await bobAgain.page.getByTestId('circle-item').first().click();
    await bobAgain.waitForMessage('Before I go');
    await bobAgain.waitForMessage('Said while Bob was away');
    await bobAgain.waitForMessage('And one more');
    await bobAgain.send('Back again');
    await alice.waitForMessage('Back again');
  });

  it('writes made while apart merge in one order when the peers meet again; a server that is down is passed over', async () => {
    signal = await startSignal();
    const down = await holdDead();
    // Two servers configured, the first not answering: the app uses the one that does.
    const url = `${webUrl}/index.html?signal=${encodeURIComponent(down.url)}&signal=${encodeURIComponent(signal.url)}`;
    const alice = await Peer.launch('alice', url);
    peers.push(alice);
    await alice.createVault();
    await alice.createCircle('Apart circle', 'Alice');
    const code = await alice.invite({ approval: 'auto' });
    const bob = await Peer.launch('bob', url);
    peers.push(bob);
    await bob.createVault();
    await bob.join(code, 'Bob');
    await alice.send('Before we were apart');
    await bob.waitForMessage('Before we were apart');
    await expect
      .poll(() => bob.page.getByTestId('connection-banner').getAttribute('data-state'))
      .toBe('connected');
    // The member list says which servers answer: the dead one does not.
    await bob.page.getByTestId('online-count').click();
    const servers = bob.page.getByTestId('server-item');
    await expect.poll(() => servers.count()).toBe(2);
    expect(await servers.filter({ hasText: down.url }).getAttribute('data-answering')).toBe(
      'false',
    );
    await expect
      .poll(() => servers.filter({ hasText: signal!.url }).getAttribute('data-answering'))
      .toBe('true');
    await bob.page.keyboard.press('Escape');

    // Apart: Bob quits, the server goes down, and both write with nobody to share it with.
    const port = signal.port;
    await bob.close();
    await signal.close();
    signal = undefined;
    const gone = await holdDead(port); // nothing else may take the port while it is down
    await alice.send('Alice, while apart');
    const bobAgain = await Peer.launch('bob-again', url, bob.profileDir);
    peers.push(bobAgain);
    await bobAgain.unlock();
    await bobAgain.page.getByTestId('circle-item').first().click();
    await expect
      .poll(() => bobAgain.page.getByTestId('connection-banner').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('offline');
    await bobAgain.send('Bob, while apart');
    await bobAgain.waitForMessage('Bob, while apart');

    // The server comes back at the same address; both apps reconnect by themselves and merge.
    await gone.close();
    signal = await startSignalingServer({ host: '127.0.0.1', port });
    await alice.waitForMessage('Bob, while apart', 30_000);
    await bobAgain.waitForMessage('Alice, while apart', 30_000);
    const texts = ['Before we were apart', 'Alice, while apart', 'Bob, while apart'];
    for (const p of [alice, bobAgain])
      expect(
        (await p.visibleMessages()).filter((t) => texts.includes(t)),
        p.name,
      ).toEqual(texts);
  });

  it('keeps nothing readable in IndexedDB', async () => {
    signal = await startSignal();
    const alice = await launch('alice');
    await alice.createVault();
    await alice.createCircle(
      'Hidden lantern circle',
      'Alice Quietname',
      'Description nobody should read',
    );
    const code = await alice.invite({ approval: 'auto' });
    const bob = await launch('bob');
    await bob.createVault();
    await bob.join(code, 'Bob Softvoice');
    await alice.send('my secret worry about tomorrow');
    await bob.waitForMessage('my secret worry about tomorrow');
    await bob.send('a private reply');
    await alice.waitForMessage('a private reply');
    // The check can see plaintext where it is: the message texts are in the page.
    expect(await alice.page.content()).toContain('my secret worry');

    const keys = [...(await alice.keyMaterial()), ...(await bob.keyMaterial())];
    const aliceCircle = await alice.page.evaluate(
      () =>
        (
          window as unknown as { hearthTestApi: { circles(): { localId: string }[] } }
        ).hearthTestApi.circles()[0]!.localId,
    );
    // Locking writes out what was still waiting (a peer's records are written a second later).
    await Promise.all([alice.lock(), bob.lock()]);
    const texts = [
      'Hidden lantern circle',
      'Alice Quietname',
      'Bob Softvoice',
      'Description nobody',
      'my secret worry',
      'a private reply',
      'a calm evening walk',
      code,
    ];
    for (const peer of [alice, bob]) {
      const { found, rows } = await peer.rawDatabaseContains(texts, keys);
      expect(found, `${peer.name}'s IndexedDB`).toEqual([]);
      // What was searched holds the circle, its log and the records judged from it (rows are
      // batches of records, written together).
      expect(rows, `${peer.name}'s IndexedDB`).toMatchObject({ circles: 1, meta: 1 });
      expect(rows.records, `${peer.name}'s judged records`).toBeGreaterThan(0);
      expect(rows.updates, `${peer.name}'s log updates`).toBeGreaterThan(0);
    }
    // The search finds what is there: a circle's local id (in the clear by design, as text) and
    // the vault's Argon2 nonce (in the clear by design, as bytes).
    const { found } = await alice.rawDatabaseContains([aliceCircle], [await alice.vaultNonce()]);
    expect(found).toEqual(expect.arrayContaining([aliceCircle, 'vault nonce']));
  });

  it('explains a bad share code, then waits for a member and continues by itself', async () => {
    signal = await startSignal();
    const alice = await launch('alice');
    await alice.createVault();
    await alice.createCircle('Patient circle', 'Alice');
    const code = await alice.invite({ approval: 'auto' });
    await alice.close(); // nobody from the circle is online now

    const bob = await launch('bob');
    await bob.createVault();
    await bob.startJoin('hello there', 'Bob');
    await expect
      .poll(() => bob.page.getByTestId('join-error').textContent())
      .toMatch(/doesn't look like a Hearth share code/);
    await bob.expectAccessible('join, with a code that is not one');
    const mistyped = code.slice(0, 30) + (code[30] === 'A' ? 'B' : 'A') + code.slice(31);
    await bob.page.getByTestId('join-code').fill(mistyped);
    await bob.page.getByTestId('join-submit').click();
    await expect
      .poll(() => bob.page.getByTestId('join-error').textContent())
      .toMatch(/mistyped or cut short/);
    await bob.page.getByTestId('join-code').fill(code);
    await bob.page.getByTestId('join-submit').click();
    await expect
      .poll(() => bob.page.getByTestId('join-status').getAttribute('data-phase'), {
        timeout: 15_000,
      })
      .toBe('waiting');
    await bob.expectAccessible('waiting to be let in');

    const aliceBack = await launch('alice-back', alice.profileDir);
    await aliceBack.unlock();
    await bob.waitUntilWriting(30_000);
    await bob.send('Thank you for letting me in');
    await aliceBack.page.getByTestId('circle-item').first().click();
    await aliceBack.waitForMessage('Thank you for letting me in');
  });

  it('shows when no signaling server answers, and keeps working locally', async () => {
    const { url: deadUrl } = await holdDead();
    const alice = await Peer.launch('alice', appUrl(webUrl, deadUrl));
    peers.push(alice);
    await alice.createVault();
    await alice.createCircle('Offline circle', 'Alice');
    await expect
      .poll(() => alice.page.getByTestId('connection-banner').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('offline');
    await alice.send('Written while offline');
    await alice.waitForMessage('Written while offline');
    await alice.expectAccessible('offline banner');
  });

  it('a late joiner receives a circle of 5,000 messages (far over 256 KiB)', async () => {
    signal = await startSignal();
    const alice = await launch('alice');
    await alice.createVault();
    await alice.createCircle('Long history', 'Alice');
    const localId = await alice.page.evaluate(async () => {
      const app = (
        window as unknown as {
          hearthTestApi: HearthApp;
        }
      ).hearthTestApi;
      const id = app.circles()[0]!.localId;
      for (let i = 0; i < 5000; i++)
        await app.sendMessage(id, `history message ${i} ` + 'x'.repeat(60));
      return id;
    });
    expect(localId).toBeTruthy();
    const code = await alice.invite({ approval: 'auto' });
    const bob = await launch('bob');
    await bob.createVault();
    await bob.join(code, 'Bob', 60_000);
    // The newest messages come in the welcome (head-start.ts); the older history fills in behind them.
    await bob.waitForMessage('history message 4999', 60_000);
    const history = () =>
      bob.page.evaluate(() => {
        const app = (
          window as unknown as {
            hearthTestApi: HearthApp;
          }
        ).hearthTestApi;
        const view = app.circleView(app.circles()[0]!.localId)!;
        return {
          count: view.messages.length,
          syncing: view.syncing !== null,
          first: view.messages.at(0)?.text,
          last: view.messages.at(-1)?.text,
        };
      });
    await expect.poll(async () => (await history()).count, { timeout: 60_000 }).toBe(5000);
    expect(await history()).toEqual({
      count: 5000,
      syncing: false,
      first: 'history message 0 ' + 'x'.repeat(60),
      last: 'history message 4999 ' + 'x'.repeat(60),
    });
    // The history that arrived after the newest messages can be scrolled to: Home goes to the
    // top of the rows the list holds (at least the newest 500), before the 150 of the head start.
    const log = bob.page.getByRole('log');
    await log.focus();
    await bob.page.keyboard.press('Home');
    const topNumber = () =>
      log.evaluate((el) => {
        const box = el.getBoundingClientRect();
        for (let y = box.top + 4; y < box.bottom; y += 8) {
          const text = document
            .elementFromPoint(box.left + box.width / 2, y)
            ?.closest('[data-testid="message"]')
            ?.querySelector('[data-testid="message-text"]')?.textContent;
          if (text) return Number(/^history message (\d+)/.exec(text)?.[1]);
        }
        return NaN;
      });
    await expect.poll(topNumber).toBeLessThanOrEqual(4_500);
  });
});
