// Delivery and the relay's status as a member's app sees them (issue 18), as attacks: a message is
// "delivered" only once a member's signed claim, or the claim of a relay a facilitator let in to
// this room, holds it; a relay not let in, or let in for an older room, changes nothing.
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { foundCircle } from '../../src-shared/circle/founding';
import { randomBytes } from '../../src-shared/crypto/random';
import { loadSodium } from '../../src-shared/crypto/sodium';
import { relayKeyOf, type VerifiedRelayClaim } from '../../src-shared/circle/relay-claim';
import { RelayWatch } from '../../src-renderer/services/circles/relay-watch';
import { SimMember } from '../support/circle-sim';

beforeAll(loadSodium);

function setUp() {
  const circle = foundCircle({ name: 'Relay', description: '', displayName: 'Ana' });
  const ana = new SimMember(circle.keys, circle.genesis);
  const doc = new Y.Doc();
  let changes = 0;
  const watch = new RelayWatch(
    ana.ledger,
    () => 0,
    doc,
    () => changes++,
  );
  const holds: { relays: VerifiedRelayClaim[]; members: Map<number, number>[] } = {
    relays: [],
    members: [],
  };
  watch.follow({ soon: () => {}, relays: () => holds.relays, holdings: () => holds.members });
  const send = (id: string) => {
    doc.getArray('x').push([new Uint8Array([1])]);
    watch.noteOwn(id);
  };
  return { ana, doc, watch, holds, send, changes: () => changes };
}

describe('delivery', () => {
  it("is 'sent' until a member's claim holds the message, then 'delivered'", () => {
    const { doc, watch, holds, send, changes } = setUp();
    send('m1');
    send('m2');
    expect(watch.viewNow().delivery.get('m1')).toBe('sent');
    expect(watch.viewNow().delivery.get('m2')).toBe('sent');
    // A claim that holds the first item only (clock 1 is the next after item 0).
    holds.members = [new Map([[doc.clientID, 1]])];
    watch.claimsChanged();
    expect(watch.viewNow().delivery.get('m1')).toBe('delivered');
    expect(watch.viewNow().delivery.get('m2')).toBe('sent');
    expect(changes()).toBe(3); // two messages noted, one delivered
    // The same claims again change nothing, and make no new view.
    const shown = watch.viewNow();
    watch.claimsChanged();
    expect(watch.viewNow()).toBe(shown);
  });

  it('counts a relay only while a facilitator lets it in to the room we are in', () => {
    const { ana, doc, watch, holds, send } = setUp();
    const seed = randomBytes(32);
    const relay = relayKeyOf(seed);
    send('m1');
    const claim = { relay, at: Date.now(), held: new Map([[doc.clientID, 1]]) };
    holds.relays = [claim];
    // The tracker asks isRelay before it takes a claim: with no permit, it is not taken.
    expect(watch.source.isRelay?.(relay)).toBe(false);
    ana.write('relay', { relay, epoch: 1, attached: true });
    expect(watch.source.isRelay?.(relay)).toBe(false); // let in to another epoch's room
    ana.write('relay', { relay, epoch: 0, attached: true });
    expect(watch.source.isRelay?.(relay)).toBe(true);
    watch.claimsChanged();
    expect(watch.viewNow().relay).toEqual({ attached: true, lastSynced: claim.at });
    expect(watch.viewNow().delivery.get('m1')).toBe('delivered');
    ana.write('relay', { relay, epoch: 0, attached: false });
    expect(watch.source.isRelay?.(relay)).toBe(false);
    holds.relays = [];
    watch.claimsChanged();
    expect(watch.viewNow().relay).toEqual({ attached: false, lastSynced: null });
  });

  it('shows a relay let in at once, before it has said anything', () => {
    const { ana, watch } = setUp();
    expect(watch.viewNow().relay).toEqual({ attached: false, lastSynced: null });
    ana.write('relay', { relay: relayKeyOf(randomBytes(32)), epoch: 0, attached: true });
    expect(watch.viewNow().relay).toEqual({ attached: true, lastSynced: null });
  });
});

describe('after our own leave', () => {
  it('tells once other devices hold everything we wrote, not before, and only once', () => {
    const { doc, watch, holds, send } = setUp();
    send('m1');
    doc.getArray('x').push([new Uint8Array([2])]); // the leave record: our newest item
    let told = 0;
    watch.whenOwnHeld(() => told++);
    holds.members = [new Map([[doc.clientID, 1]])]; // holds the message, not the leave
    watch.claimsChanged();
    expect(told).toBe(0);
    holds.members = [new Map([[doc.clientID + 1, 99]])]; // someone else's writes
    watch.claimsChanged();
    expect(told).toBe(0);
    holds.members = [new Map([[doc.clientID, 2]])];
    watch.claimsChanged();
    watch.claimsChanged();
    expect(told).toBe(1);
  });

  it('attack: one peer claiming to hold everything does not end the wait while another does not', () => {
    const { doc, watch, holds } = setUp();
    doc.getArray('x').push([new Uint8Array([2])]);
    let told = 0;
    watch.whenOwnHeld(() => told++);
    const liar = new Map([[doc.clientID, Number.MAX_SAFE_INTEGER]]);
    holds.members = [liar, new Map()];
    watch.claimsChanged();
    expect(told).toBe(0);
    holds.members = [liar, new Map([[doc.clientID, 1]])];
    watch.claimsChanged();
    expect(told).toBe(1);
  });
});

describe('a long session', () => {
  it('noting a message costs the same after 20,000 as after 1,000 (no copy of every state)', () => {
    const { watch, holds, doc } = setUp();
    // Every message delivered at once, as in a lively circle: what is pending stays small.
    holds.members = [new Map([[doc.clientID, Number.MAX_SAFE_INTEGER]])];
    // Only the watch's own calls are timed, each on its own, and the median taken: Yjs's push
    // grows slower as the document grows (3-4x from 1,000 to 20,000 items here), and a garbage
    // collection can land on any thousand (CI once saw 40 ms against 220 ms for the same code).
    const medianMsFor = (from: number, count: number): number => {
      const times: number[] = [];
      for (let i = from; i < from + count; i++) {
        doc.getArray('x').push([new Uint8Array([1])]);
        const start = performance.now();
        watch.noteOwn(`m${i}`);
        watch.claimsChanged();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[count >> 1]!;
    };
    medianMsFor(0, 1_000); // warm-up
    const early = medianMsFor(1_000, 1_000);
    medianMsFor(2_000, 17_000);
    const late = medianMsFor(19_000, 1_000);
    expect(watch.viewNow().delivery.get('m19999')).toBe('delivered');
    // Copying a map of every message per send made each late send about ten times slower.
    expect(late).toBeLessThan(Math.max(3 * early, 0.05));
  });
});
