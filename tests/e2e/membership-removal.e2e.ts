// Removal end to end, in real Chromium peers (separate processes, WebRTC over loopback): a
// facilitator removes a member, the circle moves to new keys and the others keep talking; the
// removed member's own raw IndexedDB, Yjs log and keys hold nothing it can read from after the
// removal; a member who was away through the rotation catches up when back. The peers are
// shared by the file's tests, which run in order.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { HearthApp } from '../../src-renderer/services/types';
import { peerPool, type Peer } from './harness';
import {
  circleLog,
  epochsOf,
  lockboxesOpenedBy,
  openableWith,
  openMembers,
  openRemoveDialog,
  type CircleLogView,
} from './membership-steps';
import { openCircleTool } from './circle-tools';

const pool = peerPool(inject('webUrl'));
let alice: Peer;
let bob: Peer;
let carol: Peer;
let dan: Peer;

const BEFORE = 'Before the change, all four of us';
/** Written after Carol's removal: none of it may reach her. */
const AFTER = [
  'Right after the removal, a new worry',
  'A reply in the new keys',
  'Something only the three of us read',
];
const REASON = 'Asked to step back after repeated unkind messages';

/**
 * The peers, launched and set up by the first test that needs them (expect.poll, which the
 * steps use, runs only inside a test).
 */
let peersReady: Promise<void> | undefined;
const setUp = () => (peersReady ??= launchPeers());

async function launchPeers(): Promise<void> {
  [alice, bob, carol, dan] = await Promise.all([
    pool.launch('alice'),
    pool.launch('bob'),
    pool.launch('carol'),
    pool.launch('dan'),
  ]);
  await Promise.all([
    alice.createVault(),
    bob.createVault(),
    carol.createVault(),
    dan.createVault(),
  ]);
  await alice.createCircle('Thursday circle', 'Alice');
  // Letting in is tested in membership-joining; here one code lets the three in on knocking.
  const code = await alice.invite({ maxUses: 5, approval: 'auto' });
  // One after another: three knocks at the same moment left one newcomer waiting for 30 s with
  // nobody answering in 3 of 7 runs on this loaded machine (reported to the lead).
  await bob.join(code, 'Bob');
  await carol.join(code, 'Carol');
  await dan.join(code, 'Dan');
  await alice.send(BEFORE);
  await Promise.all([bob, carol, dan].map((p) => p.waitForMessage(BEFORE)));
  // Dan goes away (his profile stays on disk) and misses the removal and what follows.
  await dan.close();
}

afterAll(() => pool.disposeAll());

describe('a facilitator removes a member', () => {
  let carolsLog: CircleLogView;

  it('the others move to new keys and keep talking; Carol is told calmly and reads nothing new', async () => {
    await setUp();
    const dialog = await openRemoveDialog(alice, 'Carol', REASON);
    await alice.expectAccessible('remove dialog');
    await dialog.getByRole('button', { name: 'Remove Carol' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await alice.send(AFTER[0]!);

    await expect.poll(() => carol.page.getByTestId('standing-banner').isVisible()).toBe(true);
    await expect(carol.page.getByTestId('standing-banner').textContent()).resolves.toMatch(
      /no longer in this circle/,
    );
    expect(await carol.page.getByTestId('read-only-note').isVisible()).toBe(true);
    expect(await carol.page.getByTestId('composer').count()).toBe(0);
    await carol.expectAccessible("removed member's view");

    for (const p of [alice, bob])
      await expect.poll(async () => (await circleLog(p)).epoch, { message: p.name }).toBe(1);
    await bob.waitForMessage(AFTER[0]!);
    await bob.send(AFTER[1]!);
    await alice.waitForMessage(AFTER[1]!);
    await alice.send(AFTER[2]!);
    await bob.waitForMessage(AFTER[2]!);
    // Carol still sees what she had.
    await carol.waitForMessage(BEFORE);
    carolsLog = await circleLog(carol);
    expect(carolsLog.standing).toBe('removed');
    const page = await carol.page.content();
    for (const text of AFTER) expect(page, "Carol's page").not.toContain(text);
  });

  it("Carol's own Yjs log and keys open nothing sealed after the removal", async () => {
    await setUp();
    const alicesLog = await circleLog(alice);
    const newEpoch = (log: CircleLogView) =>
      log.envelopes.filter((_, i) => (epochsOf(log)[i] ?? 0) >= 1);
    const oldEpoch = (log: CircleLogView) => log.envelopes.filter((_, i) => epochsOf(log)[i] === 0);

    // Carol holds the keys of epoch 0 only; Alice holds epoch 1's too.
    expect(carolsLog.keys.map((k) => k.epoch)).toEqual([0]);
    expect(alicesLog.keys.map((k) => k.epoch).sort()).toEqual([0, 1]);
    // Every key Carol holds, tried on every envelope of the new epoch: hers (whatever reached
    // her) and the circle's whole log as Alice has it (as if Carol got a copy of it).
    const sealedAfter = newEpoch(alicesLog);
    expect(sealedAfter.length, 'records sealed in epoch 1').toBeGreaterThanOrEqual(AFTER.length);
    expect(await openableWith(newEpoch(carolsLog), carolsLog.keys, carolsLog.circleId)).toBe(0);
    expect(await openableWith(sealedAfter, carolsLog.keys, carolsLog.circleId)).toBe(0);
    // The attack works where it should: Alice's keys open them, Carol's open the old epoch.
    expect(await openableWith(sealedAfter, alicesLog.keys, alicesLog.circleId)).toBe(
      sealedAfter.length,
    );
    // The rekey that started epoch 1 holds no lockbox Carol's member keys open (Alice's do).
    const carolsBoxes = await lockboxesOpenedBy(alicesLog.envelopes, alicesLog, carolsLog.member);
    expect(carolsBoxes).toEqual({ rekeys: 1, opened: 0 });
    const alicesBoxes = await lockboxesOpenedBy(alicesLog.envelopes, alicesLog, alicesLog.member);
    expect(alicesBoxes).toEqual({ rekeys: 1, opened: 1 });
    const carolsOld = oldEpoch(carolsLog);
    expect(carolsOld.length).toBeGreaterThan(0);
    expect(await openableWith(carolsOld, carolsLog.keys, carolsLog.circleId)).toBe(
      carolsOld.length,
    );
  });

  it("the facilitators' log keeps the reason; the leave dialog is accessible", async () => {
    await setUp();
    await openCircleTool(alice, 'facilitator-log-button');
    const log = alice.page.getByTestId('facilitator-log');
    await expect.poll(() => log.textContent()).toContain(REASON);
    expect(await log.textContent()).toContain('Removed from the circle');
    await alice.expectAccessible("facilitators' log");
    await alice.page.keyboard.press('Escape');

    await openMembers(bob);
    await bob.page.getByRole('button', { name: 'Leave circle…' }).click();
    const dialog = bob.page.getByRole('dialog', { name: 'Leave Thursday circle?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await bob.expectAccessible('leave dialog');
    await dialog.getByRole('button', { name: 'Stay in the circle' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('Dan, away during the removal, catches up in the new epoch when he is back', async () => {
    await setUp();
    const danAgain = await pool.reopen(dan);
    await danAgain.unlock();
    await danAgain.page.getByTestId('circle-item').first().click();
    for (const text of AFTER) await danAgain.waitForMessage(text, 30_000);
    expect((await circleLog(danAgain)).epoch).toBe(1);
    await danAgain.send('Dan is back and read everything');
    await alice.waitForMessage('Dan is back and read everything');
    await bob.waitForMessage('Dan is back and read everything');
  });

  it("Carol's IndexedDB, raw and as her own app reads it back, holds nothing from after her removal", async () => {
    await setUp();
    const later = [...AFTER, 'Dan is back and read everything'];
    // Locking writes out whatever was still pending, so the search sees everything kept.
    await carol.lock();
    const { found, rows } = await carol.rawDatabaseContains(later);
    expect(found, "Carol's IndexedDB").toEqual([]);
    expect(rows.updates, "Carol's stored log updates").toBeGreaterThan(0);
    expect(rows.records, "Carol's judged records").toBeGreaterThan(0);
    // The store is sealed under her vault key, so the raw search alone proves little: her own
    // app opens all of it again, and what it can read holds nothing written after the removal.
    await carol.unlock();
    await carol.page.getByTestId('circle-item').first().click();
    await carol.waitForMessage(BEFORE);
    await expect.poll(() => carol.page.getByTestId('standing-banner').isVisible()).toBe(true);
    const texts = await carol.page.evaluate(() => {
      const app = (window as unknown as { hearthTestApi: HearthApp }).hearthTestApi;
      const view = app.circleView(app.circles()[0]!.localId)!;
      return Array.from({ length: view.messages.length }, (_, i) => view.messages.at(i)!.text);
    });
    expect(texts).toContain(BEFORE);
    for (const text of later) expect(texts, "Carol's messages after reopening").not.toContain(text);
    const reopened = await circleLog(carol);
    expect(reopened.keys.map((k) => k.epoch)).toEqual([0]);
    const sealedAfter = reopened.envelopes.filter((_, i) => (epochsOf(reopened)[i] ?? 0) >= 1);
    expect(await openableWith(sealedAfter, reopened.keys, reopened.circleId)).toBe(0);
  });
});
