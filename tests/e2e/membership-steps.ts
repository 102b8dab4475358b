// What a person does with the membership screens (knocks, invites, removal), and what the
// membership tests read from a peer's own app: its Yjs log and the epoch keys it holds.
import { expect } from 'vitest';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { openLockbox } from '../../src-shared/crypto/lockbox';
import { contentKeyMap, envelopeEpoch, openRecord } from '../../src-shared/records/seal';
import type { JoinPhase } from '../../src-renderer/services/types';
import type { Peer } from './harness';

/** Waits until a newcomer's join page is in `phase` and returns what its status region says. */
export async function expectJoinPhase(peer: Peer, phase: JoinPhase['phase']): Promise<string> {
  const status = peer.page.getByTestId('join-status');
  await expect.poll(() => status.getAttribute('data-phase'), { timeout: 30_000 }).toBe(phase);
  return (await status.getByRole('status').textContent()) ?? '';
}

/**
 * A refused (or still waiting) newcomer closes the join page and asks again with another code, as
 * a person would.
 */
export async function tryAnotherCode(peer: Peer, code: string, displayName: string) {
  await peer.page
    .getByRole('region', { name: /^Joining/ })
    .getByRole('button', { name: /^(Close|Cancel)$/ })
    .click();
  await peer.startJoin(code, displayName);
}

/**
 * A facilitator waits for the notice that `count` people are asking, opens the queue and
 * answers `name` with the keyboard only (focus, Enter), then closes the queue with Escape.
 */
export async function answerKnock(
  facilitator: Peer,
  answer: 'Approve' | 'Decline',
  name: string,
): Promise<void> {
  const { page } = facilitator;
  await expect
    .poll(() => page.getByTestId('knock-notice').textContent())
    .toContain('1 person is asking to join');
  await page.getByTestId('knock-review').focus();
  await page.keyboard.press('Enter');
  const button = page.getByRole('dialog').getByRole('button', { name: `${answer} ${name}` });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => button.count()).toBe(0);
  await page.keyboard.press('Escape');
}

/** Opens the invite panel and withdraws the newest live invite, confirming in its dialog. */
export async function withdrawNewestInvite(facilitator: Peer): Promise<void> {
  const { page } = facilitator;
  await page.getByTestId('invite-button').click();
  const live = page.getByTestId('invite-item').and(page.locator('[data-state="live"]'));
  const before = await live.count();
  await live.first().getByTestId('invite-withdraw').click();
  await page.getByTestId('invite-withdraw-confirm').click();
  await expect.poll(() => live.count()).toBe(before - 1);
  // The list can show the withdrawal a moment before the confirmation closes; an Escape then
  // closed the confirmation, and the invite dialog stayed open over the page (seen on CI).
  await expect
    .poll(() => page.getByRole('dialog', { name: 'Withdraw this invite?' }).count())
    .toBe(0);
  // Focus goes to the withdrawn invite's entry, not to the page (its Withdraw button is gone).
  await expect
    .poll(() =>
      page.evaluate(() => {
        const item = document.activeElement?.closest('[data-testid="invite-item"]');
        return item?.getAttribute('data-state') ?? document.activeElement?.tagName;
      }),
    )
    .toBe('revoked');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('invite-form').count()).toBe(0);
}

/** Opens the member list (the "who is online" button) and returns it. */
export async function openMembers(peer: Peer) {
  const toggle = peer.page.getByTestId('online-count');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
  return peer.page.getByRole('heading', { name: 'Members' }).locator('..');
}

/** Opens the remove dialog for `name` from the member list and fills in the reason. */
export async function openRemoveDialog(facilitator: Peer, name: string, reason: string) {
  const members = await openMembers(facilitator);
  await members.getByRole('button', { name: `Remove ${name} from circle…` }).click();
  const dialog = facilitator.page.getByRole('dialog', { name: new RegExp(`^Remove ${name}`) });
  await dialog.getByLabel('Reason').fill(reason);
  return dialog;
}

/** What a peer's own app holds for its one circle, read through the test build's handle. */
export interface CircleLogView {
  circleId: string;
  /** The epochs this peer holds a content key for, with those keys. */
  keys: { epoch: number; contentKey: number[] }[];
  /** Every envelope in the peer's Yjs log, as bytes. */
  envelopes: number[][];
  /** The peer's member keys in this circle (what its lockboxes are sealed to). */
  member: { signPublicKey: number[]; signSecretKey: number[] };
  /** The epoch the peer writes in now, and its standing, as the app reports them. */
  epoch: number;
  standing: string;
}

export async function circleLog(peer: Peer): Promise<CircleLogView> {
  return peer.page.evaluate(() => {
    type Session = {
      localId: string;
      secrets: {
        circleId: string;
        epochs: { epoch: number; contentKey: Uint8Array }[];
        keys: { signPublicKey: Uint8Array; signSecretKey: Uint8Array };
      };
      log: { all(): unknown[] };
    };
    type Internals = {
      circleSet: { sessions: Map<string, Session> };
      circleView(id: string): { epoch: number; standing: string } | null;
    };
    const app = (window as unknown as { hearthTestApi: Internals }).hearthTestApi;
    const sessions = [...app.circleSet.sessions.values()];
    if (sessions.length !== 1)
      throw new Error(`expected one open circle, found ${sessions.length}`);
    const session = sessions[0]!;
    const view = app.circleView(session.localId)!;
    return {
      circleId: session.secrets.circleId,
      keys: session.secrets.epochs.map((e) => ({ epoch: e.epoch, contentKey: [...e.contentKey] })),
      envelopes: session.log
        .all()
        .filter((item): item is Uint8Array => item instanceof Uint8Array)
        .map((item) => [...item]),
      member: {
        signPublicKey: [...session.secrets.keys.signPublicKey],
        signSecretKey: [...session.secrets.keys.signSecretKey],
      },
      epoch: view.epoch,
      standing: view.standing,
    };
  });
}

/** The epoch stamped on each envelope (null for items that are not envelopes). */
export const epochsOf = (log: CircleLogView): (number | null)[] =>
  log.envelopes.map((bytes) => envelopeEpoch(new Uint8Array(bytes)));

/**
 * Tries every content key in `keys`, whatever epoch it was given for, on each envelope, as
 * someone holding those keys would. Returns how many envelopes opened.
 */
export async function openableWith(
  envelopes: readonly number[][],
  keys: readonly { contentKey: number[] }[],
  circleId: string,
): Promise<number> {
  await loadSodium();
  let opened = 0;
  for (const bytes of envelopes) {
    const sealed = new Uint8Array(bytes);
    const epoch = envelopeEpoch(sealed);
    if (epoch === null) continue;
    const anyKey = contentKeyMap(keys.map((k) => [epoch, new Uint8Array(k.contentKey)] as const));
    if (openRecord(sealed, circleId, anyKey).ok) opened++;
  }
  return opened;
}

/**
 * Opens every rekey in `envelopes` that `reader`'s content keys open, and tries each of its
 * lockboxes, whoever it is addressed to, with `member`'s keys. Returns how many rekeys were
 * read and how many lockboxes opened.
 */
export async function lockboxesOpenedBy(
  envelopes: readonly number[][],
  reader: CircleLogView,
  member: CircleLogView['member'],
): Promise<{ rekeys: number; opened: number }> {
  await loadSodium();
  const me = {
    signPublicKey: new Uint8Array(member.signPublicKey),
    signSecretKey: new Uint8Array(member.signSecretKey),
  };
  const keys = contentKeyMap(reader.keys.map((k) => [k.epoch, new Uint8Array(k.contentKey)]));
  let rekeys = 0;
  let opened = 0;
  for (const bytes of envelopes) {
    const result = openRecord(new Uint8Array(bytes), reader.circleId, keys);
    if (!result.ok || result.record.kind !== 'rekey') continue;
    rekeys++;
    const { body, id } = result.record;
    const binding = { circleId: reader.circleId, epoch: body.epoch, rekeyId: id };
    for (const { box } of body.lockboxes)
      if (openLockbox({ ephemeral: body.ephemeral, box }, me, binding, body.keyCommitment))
        opened++;
  }
  return { rekeys, opened };
}
