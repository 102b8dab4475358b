// Who is online, from real y-protocols awareness states carrying real signed claims. Attacks: a
// claim copied to another client, a claim signed for another room (an old epoch's), a stranger.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { toBase64Url } from '../../src-shared/bytes';
import { PRESENCE_RENEW_MS, signPresence, verifyPresence } from '../../src-shared/circle/presence';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { PresenceTracker } from '../../src-renderer/services/circles/presence-tracker';

beforeAll(loadSodium);
afterEach(() => {
  vi.useRealTimers();
});

const keyOf = (k: MemberKeys) => toBase64Url(k.signPublicKey);

/** Our side: an awareness, a member list we can change, and a tracker over them. */
function setUp() {
  const me = generateMemberKeys();
  const members = new Map<string, unknown>([[keyOf(me), {}]]);
  const source = { members, membersVersion: 0 };
  const awareness = new Awareness(new Y.Doc());
  let changes = 0;
  const tracker = new PresenceTracker(me, keyOf(me), source, () => changes++);
  /** A peer's awareness whose state reaches ours, as y-webrtc would carry it. */
  const peer = (state: (clientId: number) => unknown) => {
    const theirs = new Awareness(new Y.Doc());
    theirs.setLocalStateField('presence', state(theirs.clientID));
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'peer');
    return theirs;
  };
  const admit = (k: MemberKeys) => {
    members.set(keyOf(k), {});
    source.membersVersion++;
  };
  return { me, tracker, awareness, peer, admit, changes: () => changes };
}

describe('PresenceTracker', () => {
  it('counts us online once attached to a room, and a member whose claim is current', () => {
    const { me, tracker, awareness, peer, admit, changes } = setUp();
    expect(tracker.online.size).toBe(0);
    tracker.attach(awareness, 'room-a');
    expect([...tracker.online]).toEqual([keyOf(me)]);
    expect(changes()).toBe(1);
    const bo = generateMemberKeys();
    admit(bo);
    peer((id) => signPresence(bo, 'room-a', id));
    expect(tracker.online.has(keyOf(bo))).toBe(true);
    expect(changes()).toBe(2);
    tracker.detach();
  });

  it('a stranger is not online until admitted; the admission alone brings them in', () => {
    const { tracker, awareness, peer, admit } = setUp();
    tracker.attach(awareness, 'room-a');
    const cy = generateMemberKeys();
    peer((id) => signPresence(cy, 'room-a', id));
    expect(tracker.online.has(keyOf(cy))).toBe(false);
    tracker.refreshIfMembersChanged();
    expect(tracker.online.has(keyOf(cy))).toBe(false);
    admit(cy);
    tracker.refreshIfMembersChanged();
    expect(tracker.online.has(keyOf(cy))).toBe(true);
    tracker.detach();
  });

  it("attack: a member's claim copied into another client's state does not make them online", () => {
    const { tracker, awareness, peer, admit } = setUp();
    tracker.attach(awareness, 'room-a');
    const bo = generateMemberKeys();
    admit(bo);
    const real = signPresence(bo, 'room-a', 12345);
    peer(() => real);
    expect(tracker.online.has(keyOf(bo))).toBe(false);
    tracker.detach();
  });

  it('attack: after moving rooms, a claim signed for the old room no longer counts; ours is re-signed for the new one', () => {
    const { me, tracker, awareness, peer, admit } = setUp();
    const bo = generateMemberKeys();
    admit(bo);
    tracker.attach(awareness, 'room-epoch-0');
    peer((id) => signPresence(bo, 'room-epoch-0', id));
    expect(tracker.online.has(keyOf(bo))).toBe(true);
    tracker.attach(awareness, 'room-epoch-1');
    expect(tracker.online.has(keyOf(bo))).toBe(false);
    const ours = awareness.getLocalState()?.presence as { member: string };
    expect(ours.member).toBe(keyOf(me));
    expect(verifyPresence(ours, 'room-epoch-1', awareness.clientID)?.member).toBe(keyOf(me));
    tracker.detach();
  });

  it('renews our claim while attached; once detached, says goodbye and stops', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { tracker, awareness } = setUp();
    tracker.attach(awareness, 'room-a');
    const at = () => (awareness.getLocalState()?.presence as { at: number }).at;
    const first = at();
    vi.advanceTimersByTime(PRESENCE_RENEW_MS);
    const renewed = at();
    expect(renewed).toBeGreaterThan(first);
    tracker.detach();
    const goodbye = awareness.getLocalState()?.presence as { at: number; leaving?: true };
    expect(goodbye.leaving).toBe(true);
    expect(goodbye.at).toBeGreaterThan(renewed);
    vi.advanceTimersByTime(3 * PRESENCE_RENEW_MS);
    expect(awareness.getLocalState()?.presence).toEqual(goodbye);
    awareness.destroy();
  });

  it("judges each awareness change before y-webrtc forwards it (y-webrtc's room connects later)", async () => {
    const { tracker } = setUp();
    const provider = new WebrtcProvider('order-room', new Y.Doc(), {
      signaling: [],
      password: 'pw',
      filterBcConns: false,
    });
    // As RoomConnection does: attach right after the provider is made.
    tracker.attach(provider.awareness, 'order-room');
    await vi.waitFor(() => expect(provider.room).not.toBeNull());
    // lib0's listeners run in the order they were added; y-webrtc's forwarder must come second,
    // or a change it forwarded before the tracker undid it would come back from every peer.
    type Observed = { _observers: Map<string, Set<unknown>> };
    const listeners = [...(provider.awareness as unknown as Observed)._observers.get('update')!];
    const forwarder = (provider.room as unknown as { _awarenessUpdateHandler: unknown })
      ._awarenessUpdateHandler;
    expect(listeners.indexOf(forwarder)).toBeGreaterThan(0);
    expect(listeners).toHaveLength(2);
    tracker.detach();
    provider.destroy();
  });
});
