// Attacks on presence through real y-protocols awareness: Alice and Bob each run a tracker over
// their own Awareness, wired as y-webrtc wires them (every change forwarded to every peer), and
// Mallory, a member, sends Alice whatever awareness updates she likes about Bob's client. Bob must
// stay online for Alice until he says goodbye or his own claims go stale.
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { toBase64Url } from '../../src-shared/bytes';
import {
  PRESENCE_RENEW_MS,
  PRESENCE_VALID_MS,
  signLeaving,
  signPresence,
} from '../../src-shared/circle/presence';
import { generateMemberKeys, type MemberKeys } from '../../src-shared/crypto/keys';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { PresenceTracker } from '../../src-renderer/services/circles/presence-tracker';
import { mulberry32 } from '../support/seeded-random';

const ROOM = 'room-hash';
const keyOf = (k: MemberKeys) => toBase64Url(k.signPublicKey);

beforeAll(loadSodium);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Entry {
  clientID: number;
  clock: number;
  state: unknown;
}

/** An awareness update as y-protocols encodes one, with any clocks and states. */
function forged(entries: readonly Entry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientID, clock, state } of entries) {
    encoding.writeVarUint(e, clientID);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

/** Alice and Bob in one room, forwarding as y-webrtc does; Mallory can reach Alice. */
function setUp() {
  const [alice, bob, mallory] = [generateMemberKeys(), generateMemberKeys(), generateMemberKeys()];
  const members = new Map<string, unknown>([alice, bob, mallory].map((k) => [keyOf(k), {}]));
  const source = { members, membersVersion: 0 };
  const queue: { to: Awareness; update: Uint8Array }[] = [];
  let delivered = 0;
  const pump = () => {
    for (let message = queue.shift(); message; message = queue.shift()) {
      // A change that came back from peers forever would never let this end.
      if (++delivered > 10_000) throw new Error('awareness changes are forwarded in a loop');
      applyAwarenessUpdate(message.to, message.update, 'peer');
    }
  };
  const nodes: Awareness[] = [];
  const silenced = new Set<Awareness>();
  const join = (keys: MemberKeys) => {
    const awareness = new Awareness(new Y.Doc());
    const tracker = new PresenceTracker(keys, keyOf(keys), source, () => {});
    // The tracker attaches before y-webrtc's room connects, so its listener runs first.
    tracker.attach(awareness, ROOM);
    awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const changed = [...added!, ...updated!, ...removed!];
      const update = encodeAwarenessUpdate(awareness, changed);
      if (silenced.has(awareness)) return;
      for (const to of nodes) if (to !== awareness) queue.push({ to, update });
    });
    nodes.push(awareness);
    // y-webrtc sends every state it holds when a connection opens.
    for (const other of nodes)
      if (other !== awareness) {
        const update = encodeAwarenessUpdate(other, [...other.getStates().keys()]);
        queue.push({ to: awareness, update });
        queue.push({ to: other, update: encodeAwarenessUpdate(awareness, [awareness.clientID]) });
      }
    pump();
    return { awareness, tracker };
  };
  const a = join(alice);
  const b = join(bob);
  const bobsId = b.awareness.clientID;
  /** Mallory's update, straight to Alice, and whatever Alice and Bob then forward. */
  const mallorySends = (entries: readonly Entry[]) => {
    applyAwarenessUpdate(a.awareness, forged(entries), 'mallory');
    pump();
  };
  /** Time passes; renewals and timeouts go round. */
  const wait = (ms: number) => {
    pump();
    for (let t = 0; t < ms; t += 1000) {
      vi.advanceTimersByTime(Math.min(1000, ms - t));
      pump();
    }
  };
  const bobOnline = () => a.tracker.online.has(keyOf(bob));
  const bobsClaim = () => b.awareness.getLocalState()?.presence;
  /** A clock above Bob's own, as an attacker who watched his updates would pick. */
  const aboveBob = () => b.awareness.meta.get(bobsId)!.clock + 1;
  /** Bob's machine drops off the network: nothing more of his arrives. */
  const cut = () => silenced.add(b.awareness);
  return { a, b, bob, mallory, bobsId, mallorySends, wait, bobOnline, bobsClaim, aboveBob, cut };
}

describe('presence attacks', () => {
  it('Alice sees Bob online once their awareness states meet', () => {
    const { bobOnline, a, mallory } = setUp();
    expect(bobOnline()).toBe(true);
    expect(a.tracker.online.has(keyOf(mallory))).toBe(false);
  });

  it("attack: junk over Bob's state, with a clock far above his, leaves him online for good", () => {
    const { bobsId, mallorySends, wait, bobOnline } = setUp();
    mallorySends([{ clientID: bobsId, clock: Number.MAX_SAFE_INTEGER, state: { presence: 'x' } }]);
    expect(bobOnline()).toBe(true);
    // His own renewals still reach Alice: the clock shut nobody out.
    wait(3 * PRESENCE_VALID_MS);
    expect(bobOnline()).toBe(true);
  });

  it("attack: removing Bob's state (a null), up to the last clock there is, leaves him online", () => {
    const { bobsId, mallorySends, wait, bobOnline, aboveBob, a } = setUp();
    mallorySends([{ clientID: bobsId, clock: aboveBob(), state: null }]);
    expect(bobOnline()).toBe(true);
    // Past 2^53 a clock cannot grow: Bob's next updates would carry the clock of this removal.
    mallorySends([{ clientID: bobsId, clock: Number.MAX_SAFE_INTEGER, state: null }]);
    mallorySends([{ clientID: bobsId, clock: 2 ** 53, state: null }]);
    expect(bobOnline()).toBe(true);
    expect(a.awareness.getStates().has(bobsId)).toBe(true);
    wait(2 * PRESENCE_VALID_MS);
    expect(bobOnline()).toBe(true);
  });

  it("attack: Mallory's own valid claim, or her goodbye, on Bob's client leaves him online", () => {
    const { bobsId, mallorySends, wait, bobOnline, aboveBob, mallory, a } = setUp();
    mallorySends([
      {
        clientID: bobsId,
        clock: aboveBob(),
        state: { presence: signPresence(mallory, ROOM, bobsId) },
      },
    ]);
    expect(bobOnline()).toBe(true);
    mallorySends([
      {
        clientID: bobsId,
        clock: aboveBob() + 1,
        state: { presence: signLeaving(mallory, ROOM, bobsId, Date.now() + 1) },
      },
    ]);
    expect(bobOnline()).toBe(true);
    expect(a.tracker.online.has(keyOf(mallory))).toBe(false);
    wait(2 * PRESENCE_VALID_MS);
    expect(bobOnline()).toBe(true);
  });

  it("attack: a goodbye in Bob's name with a forged signature leaves him online", () => {
    const { bobsId, mallorySends, bobOnline, aboveBob, bobsClaim } = setUp();
    const claim = bobsClaim() as { member: string; sig: string };
    const bye = { ...claim, at: Date.now() + 1, leaving: true };
    mallorySends([{ clientID: bobsId, clock: aboveBob(), state: { presence: bye } }]);
    expect(bobOnline()).toBe(true);
  });

  it("attack: replaying Bob's older claim, with a higher clock, neither counts nor freezes him", () => {
    const { bobsId, mallorySends, wait, bobOnline, bobsClaim, a } = setUp();
    const old = bobsClaim();
    wait(PRESENCE_RENEW_MS);
    const current = bobsClaim();
    expect(current).not.toEqual(old);
    mallorySends([{ clientID: bobsId, clock: Number.MAX_SAFE_INTEGER, state: { presence: old } }]);
    expect(a.awareness.getStates().get(bobsId)?.presence).toEqual(current);
    // The old claim would go stale here; Bob's own newer claims keep coming.
    wait(2 * PRESENCE_VALID_MS);
    expect(bobOnline()).toBe(true);
  });

  it("attack: replaying Bob's current state with a huge clock does not shut out his next claims", () => {
    const { bobsId, mallorySends, wait, bobOnline, b } = setUp();
    const state = b.awareness.getLocalState();
    mallorySends([{ clientID: bobsId, clock: Number.MAX_SAFE_INTEGER, state }]);
    wait(2 * PRESENCE_VALID_MS);
    expect(bobOnline()).toBe(true);
  });

  it("attack: Bob's claim copied to another client id proves nothing", () => {
    const { mallorySends, bobsClaim, bobsId, a, bob } = setUp();
    const other = bobsId + 1;
    mallorySends([{ clientID: other, clock: 5, state: { presence: bobsClaim() } }]);
    expect(a.awareness.getStates().has(other)).toBe(false);
    expect(a.tracker.online.has(keyOf(bob))).toBe(true);
  });

  it("attack: junk over Alice's own state is put back, and Bob still sees her", () => {
    const { a, b, mallorySends } = setUp();
    const mine = a.awareness.getLocalState();
    const alicesId = a.awareness.clientID;
    mallorySends([{ clientID: alicesId, clock: Number.MAX_SAFE_INTEGER, state: { presence: 1 } }]);
    expect(a.awareness.getLocalState()).toBe(mine);
    expect(b.awareness.getStates().get(alicesId)).toEqual(mine);
  });

  it("Bob's goodbye as he leaves the room drops him at once", () => {
    const { b, bobOnline, a, bobsId, wait } = setUp();
    b.tracker.detach();
    wait(0);
    // y-webrtc then removes his state as it disconnects; that removal now stands.
    applyAwarenessUpdate(
      a.awareness,
      forged([{ clientID: bobsId, clock: b.awareness.meta.get(bobsId)!.clock + 1, state: null }]),
      'peer',
    );
    expect(bobOnline()).toBe(false);
    expect(a.awareness.getStates().has(bobsId)).toBe(false);
  });

  it("Bob's window unloading (y-webrtc removes his own state) sends his goodbye, and drops him", () => {
    const { b, bobOnline, wait } = setUp();
    // What y-webrtc's beforeunload handler does before closing its connections.
    b.awareness.setLocalState(null);
    wait(0);
    expect(bobOnline()).toBe(false);
  });

  it('a replayed old claim cannot bring Bob back after his goodbye', () => {
    const { b, bobOnline, bobsClaim, mallorySends, bobsId, aboveBob, wait } = setUp();
    const before = bobsClaim();
    b.tracker.detach();
    wait(0);
    mallorySends([{ clientID: bobsId, clock: aboveBob(), state: { presence: before } }]);
    expect(bobOnline()).toBe(false);
  });

  it('Bob gone without a word stays online until his last claim goes stale, then drops', () => {
    const { cut, wait, bobOnline } = setUp();
    cut();
    // Alice's awareness times his state out at 30 s; his claim still stands.
    wait(PRESENCE_VALID_MS - PRESENCE_RENEW_MS);
    expect(bobOnline()).toBe(true);
    wait(PRESENCE_VALID_MS);
    expect(bobOnline()).toBe(false);
  });

  it('attack, seeded: a random mix of all of the above for minutes on end never drops Bob', () => {
    const seed = process.env.HEARTH_SEED ? Number(process.env.HEARTH_SEED) : Date.now() % 2 ** 31;
    console.log(`presence attack mix: seed ${seed} (replay: HEARTH_SEED=${seed})`);
    const rand = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const { bobsId, mallorySends, wait, bobOnline, bobsClaim, aboveBob, mallory, b } = setUp();
    const seen: unknown[] = [bobsClaim()];
    const states: (() => unknown)[] = [
      () => null,
      () => ({ presence: pick(['x', 1, null, {}, [], { member: 'x', at: 1, sig: 'y' }]) }),
      () => ({ presence: pick(seen) }),
      () => b.awareness.getLocalState(),
      () => ({ presence: signPresence(mallory, ROOM, bobsId, Date.now() + seen.length) }),
      () => ({ presence: signLeaving(mallory, ROOM, bobsId, Date.now() + seen.length) }),
      () => ({ presence: { ...(bobsClaim() as object), at: Date.now() + 1, leaving: true } }),
    ];
    const clocks = [() => 0, aboveBob, () => Math.floor(rand() * 2 ** 53), () => 2 ** 53];
    for (let round = 0; round < 200; round++) {
      wait(Math.floor(rand() * 6) * 1000);
      seen.push(bobsClaim());
      const entries = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
        clientID: bobsId,
        clock: pick(clocks)(),
        state: pick(states)(),
      }));
      mallorySends(entries);
      if (!bobOnline()) throw new Error(`seed ${seed}: Bob dropped in round ${round}`);
    }
    b.tracker.detach();
    wait(0);
    expect(bobOnline()).toBe(false);
  });
});
