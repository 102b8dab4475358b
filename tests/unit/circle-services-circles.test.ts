// The Circles service on one device: creating circles, sending, invites, refusing bad joins, and
// unread counts that neither trust authors' clocks nor count what is on screen.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '../../src-shared/bytes';
import { inviteIdOf } from '../../src-shared/crypto/keys';
import { decodeShareCode } from '../../src-shared/share-code';
import { unreadCount } from '../../src-renderer/services/circles/unread';
import {
  tick,
  sessionOf,
  settle,
  waitFor,
  db,
  newCircles,
  forget,
  inside,
  useCircleServices,
  circleWithBob,
} from '../support/circle-services';

useCircleServices();

describe('Circles', () => {
  it('creates a circle with me as its facilitator', async () => {
    const circles = newCircles();
    let emitted = 0;
    circles.subscribe(() => emitted++);
    const id = await circles.createCircle({
      name: 'Tuesday evenings',
      description: 'Grief support',
      displayName: 'Ana',
    });
    const view = circles.circleView(id)!;
    expect(view).not.toBeNull();
    expect(view.name).toBe('Tuesday evenings');
    expect(view.description).toBe('Grief support');
    expect(view.members.size).toBe(1);
    expect(view.members.get(view.myKey)).toMatchObject({ displayName: 'Ana', role: 'facilitator' });
    expect(view.messages).toHaveLength(0);
    expect(view.storageProblem).toBeNull();
    expect(view.connection).toBe('offline');
    expect(emitted).toBeGreaterThan(0);
    expect(circles.circles().map((c) => [c.localId, c.name, c.myRole])).toEqual([
      [id, 'Tuesday evenings', 'facilitator'],
    ]);
    expect(circles.circleView('nope')).toBeNull();
  });

  it('shows sent messages in order, written by me', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Order', description: '', displayName: 'Ana' });
    await circles.sendMessage(id, 'first');
    // Distinct milliseconds: same-millisecond sends are a known ordering bug (see the test below).
    const t = Date.now();
    await waitFor(() => Date.now() > t, 100);
    await circles.sendMessage(id, 'second');
    const view = circles.circleView(id)!;
    expect(view.messages.map((m) => m.text)).toEqual(['first', 'second']);
    expect([...view.messages].every((m) => m.author === view.myKey)).toBe(true);
    // My own messages are never unread.
    expect(circles.circles()[0]!.unread).toBe(0);
  });

  // Our own timestamps strictly increase (CircleSession.draft): messages sent within one
  // millisecond once showed out of send order, as ties were broken by the random record id. The
  // clock is frozen to make the tie certain: 20 messages land in send order by chance with
  // probability 1/20!.
  it('keeps messages sent within the same millisecond in send order', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const circles = newCircles();
      const id = await circles.createCircle({ name: 'Burst', description: '', displayName: 'Ana' });
      const texts = Array.from({ length: 20 }, (_, i) => `burst ${i}`);
      for (const t of texts) await circles.sendMessage(id, t);
      expect(circles.circleView(id)!.messages.map((m) => m.text)).toEqual(texts);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an empty or too long message with a user-facing reason', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Limits', description: '', displayName: 'Ana' });
    await expect(circles.sendMessage(id, '')).rejects.toThrow(/at most 4,000 characters/);
    await expect(circles.sendMessage(id, 'x'.repeat(4001))).rejects.toThrow(
      /at most 4,000 characters/,
    );
    await circles.sendMessage(id, 'x'.repeat(4000));
    expect(circles.circleView(id)!.messages.map((m) => m.text.length)).toEqual([4000]);
    await expect(circles.sendMessage('not-a-circle', 'hello')).rejects.toThrow(/not open/);
  });

  it('creates an invite whose code points at this circle and shows up in the ledger', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Invites', description: '', displayName: 'Ana' });
    const session = sessionOf(circles, id);
    expect(session.ledger.invites.size).toBe(0);

    const invite = await circles.createInvite(id);
    expect(invite.link).toBe('hearth://join/' + invite.token);
    const decoded = decodeShareCode(invite.token);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(toBase64Url(decoded.code.genesisFingerprint)).toBe(
      toBase64Url(session.genesisFingerprint),
    );

    await settle(session);
    const inviteId = inviteIdOf(decoded.code.inviteSecret);
    expect([...session.ledger.invites.keys()]).toEqual([inviteId]);
    expect(session.ledger.invites.get(inviteId)!.createdBy).toBe(session.myKey);
    // As facilitator we answer knocks for it: one lobby responder, gone after close.
    const responders = inside(circles).lobbies.responders;
    expect([...responders.keys()]).toEqual([`${id}/${inviteId}`]);
    await circles.closeAll();
    await tick();
    expect(responders.size).toBe(0);
    expect(circles.circleView(id)).toBeNull();
  });

  it('join() refuses a bad code or an empty name without starting anything', async () => {
    const circles = newCircles();
    const id = await circles.createCircle({ name: 'Joining', description: '', displayName: 'Ana' });
    const garbage = circles.join('garbage', 'Bob');
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.message).toMatch(/share code/);

    const { token } = await circles.createInvite(id);
    const damaged = circles.join(token.slice(0, -3), 'Bob');
    expect(damaged.ok).toBe(false);

    const noName = circles.join(token, '   ');
    expect(noName.ok).toBe(false);
    if (!noName.ok) expect(noName.message).toMatch(/name/);
    expect(circles.join(token, '').ok).toBe(false);

    // Our own circle's code: we are in it already.
    const own = circles.join(token, 'Bob');
    expect(own.ok).toBe(false);
    if (!own.ok) expect(own.message).toMatch(/already in this circle/);

    expect(circles.joinAttempts()).toHaveLength(0);
    await tick();
    expect(await db.joins.count()).toBe(0);
  });

  it('join() refuses a second attempt at a circle while the first is waiting', async () => {
    const ana = newCircles();
    const id = await ana.createCircle({ name: 'Twice', description: '', displayName: 'Ana' });
    const { token } = await ana.createInvite(id);
    const { token: anotherToken } = await ana.createInvite(id);
    // Another device: Ana's app leaves the room first (one copy of a room per process).
    await ana.closeAll();
    forget(ana);

    const bob = newCircles();
    const first = bob.join(token, 'Bob');
    expect(first.ok).toBe(true);
    // Even with another invite to the same circle: two admissions would open its room twice.
    const second = bob.join(anotherToken, 'Bob');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toMatch(/already joining this circle/);
    expect(bob.joinAttempts()).toHaveLength(1);
    if (first.ok) first.attempt.cancel();
  });
});

describe('Unread counts', () => {
  const NOW = 1_800_000_000_000;
  const msg = (id: string, ts: number, author = 'them') => ({ id, ts, author, text: id });

  it('count messages from others after the read marker', () => {
    const messages = [
      msg('a', NOW - 30),
      msg('b', NOW - 20, 'me'),
      msg('c', NOW - 10),
      msg('d', NOW),
    ];
    expect(unreadCount(messages, NOW - 25, 'me', NOW)).toBe(2);
    expect(unreadCount(messages, 0, 'me', NOW)).toBe(3);
    expect(unreadCount(messages, NOW, 'me', NOW)).toBe(0);
  });

  /** A circle of mine with Bob admitted (circleWithBob), and its unread count as the list shows it. */
  async function circleWithBobUnread(name: string) {
    const c = await circleWithBob(name);
    const unread = () => c.circles.circles().find((x) => x.localId === c.id)!.unread;
    return { ...c, unread };
  }

  it('a message stamped far in the future neither counts yet nor hides the ones that follow it', async () => {
    const { circles, id, s, bobPeer, asBob, unread } = await circleWithBobUnread('Clocks');

    bobPeer.log.append([asBob('from next year', Date.now() + 365 * 24 * 3600_000)]);
    await settle(s);
    expect(unread()).toBe(0);
    circles.markRead(id);

    bobPeer.log.append([asBob('written just now', Date.now())]);
    await settle(s);
    expect(s.view().messages.map((m) => m.text)).toEqual(['written just now', 'from next year']);
    expect(unread()).toBe(1);
  });

  it('a circle on screen stays read as messages arrive, and counts again once it is left', async () => {
    const { circles, id, s, bobPeer, asBob, unread } = await circleWithBobUnread('On screen');

    bobPeer.log.append([asBob('before I looked')]);
    await settle(s);
    expect(unread()).toBe(1);
    const stopViewing = circles.viewCircle(id);
    expect(unread()).toBe(0);
    // Every notification about the arriving message already finds it read.
    const seen: number[] = [];
    const unsubscribe = circles.subscribe(() => seen.push(unread()));
    bobPeer.log.append([asBob('while I look')]);
    await settle(s);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 0)).toBe(true);
    unsubscribe();

    stopViewing();
    bobPeer.log.append([asBob('after I left')]);
    await settle(s);
    expect(unread()).toBe(1);
  });
});
