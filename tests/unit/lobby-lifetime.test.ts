// Only open invites have lobbies (lobby-responders.ts): an invite that expired, was used up or was
// withdrawn has none, a lobby closes when its invite ends, a circle never needs more topics on its
// signaling connection than a server takes, and the circle's own room is opened before any
// handover room or lobby. Attacks on the old code, which answered every invite of the last 14
// days, before the circle's own room.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftInvite } from '../../src-shared/circle/founding';
import type { Invite } from '../../src-shared/circle/membership-state';
import { generateMemberKeys, lobbyFor } from '../../src-shared/crypto/keys';
import { makeKnock } from '../../src-shared/records/knock';
import * as Y from 'yjs';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { fromBase64Url } from '../../src-shared/bytes';
import { SIGNALING_DEFAULTS } from '../../src-server/signaling/server';
import type { CircleSession } from '../../src-renderer/services/circles/circle-session';
import {
  Lobbies,
  MAX_CIRCLE_TOPICS,
  MAX_OPEN_LOBBIES,
  WELCOME_PICKUP_MS,
  lobbiesAt,
} from '../../src-renderer/services/circles/lobby-responders';
import { TOO_MANY_OPEN_INVITES } from '../../src-renderer/services/circles/circle-facilitation';
import { devices } from '../support/devices';
import { FakeRooms } from '../support/fake-rooms';

beforeAll(async () => {
  await loadSodium();
});
afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;
let clock = 1_000_000;

function invite(over: Partial<Invite> = {}): Invite {
  const { body } = draftInvite({ expiresAt: Date.now() + HOUR, maxUses: 1, approval: 'auto' });
  return { ...body, createdBy: 'me', createdAt: clock++, used: 0, revoked: false, ...over };
}

const lobbyName = (i: Invite) => lobbyFor(fromBase64Url(i.secret)!).name;

/** A circle in which we may invite, holding `invites`: what Lobbies reads of a session. */
function circleWith(invites: Invite[]): CircleSession {
  return {
    localId: 'circle',
    myKey: 'me',
    standing: 'member',
    signalingUrls: [],
    setKnocks: () => {},
    ledger: {
      invites: new Map(invites.map((i) => [i.inviteId, i])),
      members: new Map(),
      departures: new Map(),
      membersVersion: 1,
      mayInvite: () => true,
      isFacilitator: () => true,
    },
    append: () => {},
    draft: () => ({}),
  } as unknown as CircleSession;
}

describe('which invites have a lobby', () => {
  it('expired, used-up and withdrawn invites have none', () => {
    const now = Date.now();
    const open = invite();
    const { inviteIds } = lobbiesAt(
      [
        open,
        invite({ expiresAt: now - 1 }),
        invite({ maxUses: 2, used: 2 }),
        invite({ revoked: true }),
      ],
      now,
    );
    expect(inviteIds).toEqual([open.inviteId]);
  });

  it('at most MAX_OPEN_LOBBIES, the newest, so a circle never needs more topics than a server takes', () => {
    expect(MAX_CIRCLE_TOPICS).toBeLessThan(SIGNALING_DEFAULTS.maxTopicsPerConnection);
    const many = Array.from({ length: MAX_OPEN_LOBBIES + 10 }, () => invite());
    const { inviteIds, nextExpiry } = lobbiesAt(many, Date.now());
    expect(inviteIds).toHaveLength(MAX_OPEN_LOBBIES);
    expect(inviteIds).toEqual(
      many
        .slice(-MAX_OPEN_LOBBIES)
        .reverse()
        .map((i) => i.inviteId),
    );
    expect(nextExpiry).toBe(Math.min(...many.slice(-MAX_OPEN_LOBBIES).map((i) => i.expiresAt!)));
  });
});

describe('a lobby lives while its invite is open', () => {
  it('closes at its expiry, with no other change to the circle', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const rooms = new FakeRooms();
    const soon = invite({ expiresAt: Date.now() + HOUR });
    const later = invite({ expiresAt: Date.now() + 2 * HOUR });
    const circle = circleWith([soon, later]);
    const lobbies = new Lobbies({ signalingUrls: [], iceServers: [] });
    const keep = () => lobbies.keep(circle, true, rooms.open, keep);
    keep();
    expect(rooms.members(lobbyName(soon))).toHaveLength(1);
    expect(rooms.members(lobbyName(later))).toHaveLength(1);
    vi.advanceTimersByTime(HOUR + 100);
    expect(rooms.members(lobbyName(soon))).toHaveLength(0);
    expect(rooms.members(lobbyName(later))).toHaveLength(1);
    vi.advanceTimersByTime(HOUR);
    expect(rooms.members(lobbyName(later))).toHaveLength(0);
    expect(lobbies.responders.size).toBe(0);
  });

  it('one used up by the admission it just made stays for that welcome, a minute at most', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const rooms = new FakeRooms();
    const once = invite(); // automatic approval, one use
    const circle = circleWith([once]);
    const lobbies = new Lobbies({ signalingUrls: [], iceServers: [] });
    const keep = () => lobbies.keep(circle, true, rooms.open, keep);
    keep();
    // A newcomer knocks; the responder admits it at once and so uses the invite up.
    const newcomer = new Y.Doc();
    rooms.open({ name: lobbyName(once), doc: newcomer } as never, () => {});
    const knock = makeKnock(generateMemberKeys(), 'Nia', once.inviteId);
    newcomer.getMap<Uint8Array>('knocks').set(knock.requestId, knock.bytes);
    once.used = 1;
    keep();
    expect(rooms.members(lobbyName(once))).toHaveLength(2); // still there for the welcome
    // A newcomer who never comes back for it keeps the lobby no longer than the bound.
    vi.advanceTimersByTime(WELCOME_PICKUP_MS + 100);
    expect(rooms.members(lobbyName(once))).toHaveLength(1); // the newcomer alone
    expect(lobbies.responders.size).toBe(0);
  });

  it('closes when used up or withdrawn, and none opens for a circle not yet in its room', () => {
    const rooms = new FakeRooms();
    const once = invite();
    const withdrawn = invite();
    const circle = circleWith([once, withdrawn]);
    const lobbies = new Lobbies({ signalingUrls: [], iceServers: [] });
    lobbies.keep(circle, false, rooms.open, () => {});
    expect(rooms.opened).toEqual([]);
    lobbies.keep(circle, true, rooms.open, () => {});
    expect(rooms.opened.map((r) => r.name).sort()).toEqual(
      [lobbyName(once), lobbyName(withdrawn)].sort(),
    );
    once.used = 1;
    withdrawn.revoked = true;
    lobbies.keep(circle, true, rooms.open, () => {});
    expect(rooms.members(lobbyName(once))).toHaveLength(0);
    expect(rooms.members(lobbyName(withdrawn))).toHaveLength(0);
    lobbies.closeAll();
  });
});

describe('a circle with many open invites', () => {
  it('refuses a new one calmly once as many are open as it can answer', async () => {
    const {
      rooms,
      all: [ana],
    } = await devices('Ana');
    const id = await ana!.circles.createCircle({
      name: 'Big',
      description: '',
      displayName: 'Ana',
    });
    // The circle's own room is the first room it opens, before its handover room and lobbies.
    const [first, ...rest] = rooms.opened.map((r) => r.name);
    const session = (ana!.circles as unknown as { sessions: Map<string, CircleSession> }).sessions;
    expect(first).toBe(rooms.roomsOf(session.get(id)!.doc)[0]);
    expect(rest).toHaveLength(1); // its handover room
    for (let i = 0; i < MAX_OPEN_LOBBIES; i++) await ana!.circles.createInvite(id);
    await expect(ana!.circles.createInvite(id)).rejects.toThrow(TOO_MANY_OPEN_INVITES);
    expect(TOO_MANY_OPEN_INVITES).toMatch(/withdraw one/);
    // Withdrawing one makes room for a new one.
    const [newest] = ana!.circles.circleView(id)!.invites;
    await ana!.circles.revokeInvite(id, newest!.inviteId);
    await expect(ana!.circles.createInvite(id)).resolves.toHaveProperty('token');
    const lobbiesOpen = rooms.opened.slice(2).filter((r) => rooms.members(r.name).length > 0);
    expect(lobbiesOpen).toHaveLength(MAX_OPEN_LOBBIES);
  }, 60_000);
});
