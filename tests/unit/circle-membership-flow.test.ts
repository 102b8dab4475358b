// Membership end to end through the services (issue 15): a facilitator approves or declines
// knocks, a share code is limited by its invite, a removal rotates the keys so the removed member
// reads nothing new, and a member who was offline during the rotation catches up. Several
// devices, each with its own vault and store, on a stand-in network (fake-rooms.ts).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lobbyFor, roomFor } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { decodeShareCode } from '../../src-shared/share-code';
import { LEAVE_MIN_MS, LEAVE_WAIT_MAX_MS } from '../../src-renderer/services/circles/room-exit';
import { devices, devicesOn, sleep, waitFor, type Device } from '../support/devices';
import { FakeRooms } from '../support/fake-rooms';

beforeAll(async () => {
  await loadSodium();
});

const phaseOf = (d: Device) => d.circles.joinAttempts()[0]?.state();

/** The lobby room a share code knocks on. */
function lobbyOf(token: string): string {
  const decoded = decodeShareCode(token);
  if (!decoded.ok) throw new Error('share code does not decode');
  return lobbyFor(decoded.code.inviteSecret).name;
}

async function founded(ana: Device): Promise<string> {
  const id = await ana.circles.createCircle({
    name: 'Tuesday circle',
    description: '',
    displayName: 'Ana',
  });
  await ana.circles.sendMessage(id, 'Welcome, everyone');
  return id;
}

/** Ana invites `who`, approves the knock, and waits until `who` sees the circle. */
async function letIn(ana: Device, id: string, who: Device): Promise<string> {
  const { token } = await ana.circles.createInvite(id);
  who.join(token);
  await waitFor(() => (ana.circles.circleView(id)?.knocks.length ?? 0) > 0, 'knock queued');
  const knock = ana.circles.circleView(id)!.knocks.find((k) => k.displayName === who.name)!;
  await ana.circles.approveKnock(id, knock.requestId);
  await waitFor(() => who.circles.circles().length === 1, `${who.name} let in`);
  return who.only();
}

describe('approval', () => {
  it('a knock waits for a facilitator, who approves: the newcomer gets in and sees the circle', async () => {
    const {
      all: [ana, bo],
    } = await devices('Ana', 'Bo');
    const id = await founded(ana!);
    const { token } = await ana!.circles.createInvite(id);
    bo!.join(token);
    await waitFor(() => phaseOf(bo!)?.phase === 'awaiting-approval', 'Bo told to wait');
    const view = ana!.circles.circleView(id)!;
    expect(view.knocks.map((k) => k.displayName)).toEqual(['Bo']);
    // Nothing is sealed to a newcomer before approval: Bo holds no circle.
    expect(bo!.circles.circles()).toEqual([]);
    await ana!.circles.approveKnock(id, view.knocks[0]!.requestId);
    await waitFor(() => bo!.circles.circles().length === 1, 'Bo let in');
    const boView = bo!.circles.circleView(bo!.only())!;
    await waitFor(
      () => boView.localId !== '' && bo!.circles.circleView(bo!.only())!.messages.length === 1,
      'history',
    );
    expect(bo!.circles.circleView(bo!.only())!.messages.at(0)!.text).toBe('Welcome, everyone');
    expect(ana!.circles.circleView(id)!.knocks).toEqual([]);
    expect([...ana!.circles.circleView(id)!.members.values()].map((m) => m.displayName)).toEqual([
      'Ana',
      'Bo',
    ]);
  });

  it('a declined knock is told so, and gets nothing', async () => {
    const {
      all: [ana, dee],
    } = await devices('Ana', 'Dee');
    const id = await founded(ana!);
    const { token } = await ana!.circles.createInvite(id);
    dee!.join(token);
    await waitFor(() => (ana!.circles.circleView(id)?.knocks.length ?? 0) > 0, 'knock queued');
    await ana!.circles.declineKnock(id, ana!.circles.circleView(id)!.knocks[0]!.requestId);
    await waitFor(() => phaseOf(dee!)?.phase === 'refused', 'Dee told');
    expect(phaseOf(dee!)).toEqual({ phase: 'refused', reason: 'declined' });
    expect(dee!.circles.circles()).toEqual([]);
    expect(ana!.circles.circleView(id)!.members.size).toBe(1);
  });

  it('a used-up code has no lobby any more: the next newcomer finds nobody and gets no key', async () => {
    const {
      rooms,
      all: [ana, bo, cy],
    } = await devices('Ana', 'Bo', 'Cy');
    const id = await founded(ana!);
    const { token } = await ana!.circles.createInvite(id); // one use, by default
    const lobby = lobbyOf(token);
    bo!.join(token);
    await waitFor(() => (ana!.circles.circleView(id)?.knocks.length ?? 0) > 0, 'knock queued');
    await ana!.circles.approveKnock(id, ana!.circles.circleView(id)!.knocks[0]!.requestId);
    await waitFor(() => bo!.circles.circles().length === 1, 'Bo let in');
    // Bo picked up his welcome: the lobby closed with the invite's last use.
    await waitFor(() => rooms.members(lobby).length === 0, 'lobby closed');
    cy!.join(token);
    await sleep(300);
    expect(rooms.members(lobby)).toHaveLength(1); // Cy alone
    expect(phaseOf(cy!)?.phase).toBe('connecting');
    expect(cy!.circles.circles()).toEqual([]);
  });

  it('a plain member makes invites only in a circle started with that setting', async () => {
    const {
      all: [ana, bo, cy, dee],
    } = await devices('Ana', 'Bo', 'Cy', 'Dee');
    const closed = await founded(ana!);
    const boId = await letIn(ana!, closed, bo!);
    await expect(bo!.circles.createInvite(boId)).rejects.toThrow(/only facilitators/);
    const open = await cy!.circles.createCircle({
      name: 'Open circle',
      description: '',
      displayName: 'Cy',
      membersMayInvite: true,
    });
    const deeId = await letIn(cy!, open, dee!);
    const { token } = await dee!.circles.createInvite(deeId);
    expect(token).toMatch(/^hearth/);
    expect(cy!.circles.circleView(open)!.membersMayInvite).toBe(true);
  });

  it('a withdrawn code has no lobby: its lobby closes with the withdrawal', async () => {
    const {
      rooms,
      all: [ana, bo],
    } = await devices('Ana', 'Bo');
    const id = await founded(ana!);
    const { token } = await ana!.circles.createInvite(id);
    const lobby = lobbyOf(token);
    expect(rooms.members(lobby)).toHaveLength(1); // Ana answers it while it is open
    const inviteId = ana!.circles.circleView(id)!.invites[0]!.inviteId;
    await ana!.circles.revokeInvite(id, inviteId);
    expect(ana!.circles.circleView(id)!.invites[0]!.state).toBe('revoked');
    expect(rooms.members(lobby)).toHaveLength(0);
    bo!.join(token);
    await sleep(300);
    expect(phaseOf(bo!)?.phase).toBe('connecting');
    expect(bo!.circles.circles()).toEqual([]);
  });
});

/** Ana's circle with Bo and Cy let in, each seeing all three. */
async function threeMembers(network = new FakeRooms()) {
  const {
    rooms,
    all: [ana, bo, cy],
  } = await devicesOn(network, 'Ana', 'Bo', 'Cy');
  const id = await founded(ana!);
  const boId = await letIn(ana!, id, bo!);
  const cyId = await letIn(ana!, id, cy!);
  await waitFor(() => bo!.circles.circleView(boId)!.members.size === 3, 'Bo sees three');
  await waitFor(() => cy!.circles.circleView(cyId)!.members.size === 3, 'Cy sees three');
  return { rooms, ana: ana!, bo: bo!, cy: cy!, id, boId, cyId };
}

describe('removal', () => {
  it('rotates the keys: the removed member is told, and nothing written afterwards opens on its device', async () => {
    const { rooms, ana, bo, cy, id, boId, cyId } = await threeMembers();
    const boKey = bo.circles.circleView(boId)!.myKey;
    await ana.circles.removeMember(id, boKey, 'Asked to leave after repeated harm');
    expect(ana.circles.circleView(id)!.epoch).toBe(1);
    await waitFor(() => bo.circles.circleView(boId)!.standing === 'removed', 'Bo told');
    await waitFor(() => cy.circles.circleView(cyId)!.epoch === 1, 'Cy follows to epoch 1');
    await ana.circles.sendMessage(id, 'After the removal');
    await waitFor(
      () => cy.circles.circleView(cyId)!.messages.at(-1)?.text === 'After the removal',
      'Cy reads on',
    );
    expect(bo.session(boId).secrets.epochs.map((e) => e.epoch)).toEqual([0]);
    // Ana and Cy share the new epoch's room; Bo is in no circle room at all.
    const epoch1 = ana.session(id).currentEpoch();
    expect(epoch1.epoch).toBe(1);
    const shared = rooms.roomsOf(ana.session(id).doc);
    expect(shared).toEqual([roomFor(epoch1.roomSecret).name]);
    expect(rooms.roomsOf(cy.session(cyId).doc)).toEqual(shared);
    expect(rooms.roomsOf(bo.session(boId).doc)).toEqual([]);
    expect(bo.circles.circleView(boId)!.messages.at(-1)?.text).not.toBe('After the removal');
    await expect(bo.circles.sendMessage(boId, 'still here?')).rejects.toThrow(/no longer/);
    const log = ana.circles.circleView(id)!.facilitatorLog;
    expect(log[0]).toMatchObject({
      kind: 'removed',
      member: boKey,
      reason: 'Asked to leave after repeated harm',
    });
  });

  it('a member offline during the rotation catches up when it comes back', async () => {
    const { ana, bo, cy, id, boId, cyId } = await threeMembers();
    await cy.goOffline();
    const boKey = bo.circles.circleView(boId)!.myKey;
    await ana.circles.removeMember(id, boKey, 'Left the group chat abruptly');
    await ana.circles.sendMessage(id, 'Written while Cy was away');
    await cy.comeBack();
    await waitFor(
      () => cy.circles.circleView(cyId)?.messages.at(-1)?.text === 'Written while Cy was away',
      'Cy caught up',
    );
    expect(cy.circles.circleView(cyId)!.epoch).toBe(1);
  });
});

describe('leaving', () => {
  const sharing = () => new FakeRooms({ shareAwareness: true });
  const timers = () =>
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  afterEach(() => vi.useRealTimers());

  // Seen on CI: Bo left right after a key rotation, while he and Ana were still connecting in the
  // new room; his room went after a fixed 5 s, the leave record with it, and Ana never knew.
  /** Ana's circle with Bo in it; Ana goes away, and Bo leaves with nobody else there. */
  async function boLeavesAlone() {
    const {
      rooms,
      all: [ana, bo],
    } = await devicesOn(sharing(), 'Ana', 'Bo');
    const id = await founded(ana!);
    const boId = await letIn(ana!, id, bo!);
    const boKey = bo!.circles.circleView(boId)!.myKey;
    await ana!.goOffline();
    timers();
    await bo!.circles.leaveCircle(boId, { wipe: false });
    expect(bo!.circles.circleView(boId)!.standing).toBe('left');
    return { rooms, ana: ana!, bo: bo!, id, boKey, boDoc: bo!.session(boId).doc };
  }

  // Seen on CI: Bo left right after a key rotation, while he and Ana were still connecting in the
  // new room; his room went after a fixed 5 s, the leave record with it, and Ana never knew.
  it('attack on the old fixed grace: the room stays until another device holds the leave record', async () => {
    const { rooms, ana, id, boKey, boDoc } = await boLeavesAlone();
    // Twice the old grace, and nobody has said they hold it: the room is still there.
    await vi.advanceTimersByTimeAsync(2 * LEAVE_MIN_MS);
    expect(rooms.roomsOf(boDoc)).toHaveLength(1);
    // Ana comes back: she takes the record, her claim says so, and then Bo's room goes, long
    // before the cap.
    await ana.comeBack();
    await waitFor(() => !ana.circles.circleView(id)!.members.has(boKey), 'Ana sees Bo left');
    expect(rooms.roomsOf(boDoc)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_500); // Ana's claim follows within a second
    await waitFor(() => rooms.roomsOf(boDoc).length === 0, 'Bo out of the room', 3_000);
  }, 20_000);

  it('with nobody there, the room goes after LEAVE_WAIT_MAX_MS', async () => {
    const { rooms, boDoc } = await boLeavesAlone();
    await vi.advanceTimersByTimeAsync(LEAVE_WAIT_MAX_MS - 1_000);
    expect(rooms.roomsOf(boDoc)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rooms.roomsOf(boDoc)).toEqual([]);
  });

  // The circle moved to new keys while Bo was away; he comes back and leaves before anyone hands
  // him those keys. His leave record must still reach the others, who moved on.
  it('a leave written before the keys moved on still reaches the others', async () => {
    const { rooms, ana, bo, cy, id, boId, cyId } = await threeMembers(sharing());
    const boKey = bo.circles.circleView(boId)!.myKey;
    // Bo is away while Ana removes Cy and the circle moves to new keys; then Ana is away too.
    await bo.goOffline();
    await ana.circles.removeMember(id, cy.circles.circleView(cyId)!.myKey, 'Asked to leave');
    await ana.goOffline();
    // Bo comes back to the old room, with nobody to hand him the new keys, and leaves.
    await bo.comeBack();
    timers();
    await bo.circles.leaveCircle(boId, { wipe: false });
    expect(bo.circles.circleView(boId)!.epoch).toBe(0);
    // Ana comes back in the new room and sits in the old epoch's handover room, where Bo's leave
    // record is; once she takes it, Bo's room goes, long before the cap.
    await ana.comeBack();
    await waitFor(() => !ana.circles.circleView(id)!.members.has(boKey), 'Ana sees Bo left');
    await vi.advanceTimersByTimeAsync(LEAVE_MIN_MS);
    await waitFor(() => rooms.roomsOf(bo.session(boId).doc).length === 0, 'Bo gone', 3_000);
  }, 20_000);
});
