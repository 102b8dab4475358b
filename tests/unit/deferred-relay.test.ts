import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DeferredRelay,
  FORWARD_BUDGET,
  MAX_FORWARD_BYTES,
  RELAY_DELAY_MS,
  type RelayDeps,
} from '../../src-shared/sync/deferred-relay';

/** A manual clock: timers run only when the test says so. */
function manualTimers() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  let now = 0;
  const deps: RelayDeps = {
    mergeUpdates: Y.mergeUpdates,
    now: () => now,
    setTimer: (run, ms) => {
      timers.set(next, { run, ms });
      return next++;
    },
    clearTimer: (t) => void timers.delete(t as number),
  };
  const fireAll = () => {
    for (const [id, t] of [...timers]) {
      timers.delete(id);
      t.run();
    }
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { deps, timers, fireAll, advance };
}

function updatesOf(count: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getArray<string>('a').push([`item ${i}`]);
  return { updates, doc };
}

describe('DeferredRelay', () => {
  it('forwards nothing at once, then one merged update per burst that carries every change', () => {
    const clock = manualTimers();
    const sent: Uint8Array[] = [];
    const relay = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => true },
      clock.deps,
    );
    const { updates, doc } = updatesOf(3);
    for (const u of updates) relay.add(u);

    expect(sent).toEqual([]);
    expect([...clock.timers.values()].map((t) => t.ms)).toEqual([RELAY_DELAY_MS]);
    clock.fireAll();

    expect(sent).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, sent[0]!);
    expect(copy.getArray('a').toArray()).toEqual(doc.getArray('a').toArray());
  });

  it('forwards a single update as it is, without merging', () => {
    const clock = manualTimers();
    const sent: Uint8Array[] = [];
    const relay = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => true },
      clock.deps,
    );
    const { updates } = updatesOf(1);
    relay.add(updates[0]!);
    clock.fireAll();
    expect(sent).toEqual([updates[0]]);
  });

  it('does not forward when the only peer is the one the update came from', () => {
    const clock = manualTimers();
    const sent: Uint8Array[] = [];
    const relay = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => false },
      clock.deps,
    );
    relay.add(updatesOf(1).updates[0]!);
    clock.fireAll();
    expect(sent).toEqual([]);
    expect(clock.timers.size).toBe(0);
  });

  it('drops queued forwards when disposed', () => {
    const clock = manualTimers();
    const sent: Uint8Array[] = [];
    const relay = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => true },
      clock.deps,
    );
    relay.add(updatesOf(1).updates[0]!);
    relay.dispose();
    clock.fireAll();
    relay.flush();
    expect(sent).toEqual([]);
  });

  it('does not forward a catch-up-sized update: every peer gets that from its own handshake', () => {
    const clock = manualTimers();
    const sent: Uint8Array[] = [];
    const relay = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => true },
      clock.deps,
    );
    relay.add(new Uint8Array(MAX_FORWARD_BYTES + 1));
    const small = updatesOf(1).updates[0]!;
    relay.add(small);
    clock.fireAll();
    expect(sent).toEqual([small]);
  });

  it('attack: a peer flooding small updates gets no more forwarded than the budget, then some again later', () => {
    const clock = manualTimers();
    const sent: Uint8Array[] = [];
    const relay = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => true },
      clock.deps,
    );
    const update = new Uint8Array(64 * 1024); // bytes only: merging is not the point here
    const forwarded = () => {
      clock.fireAll();
      return sent.reduce((n, u) => n + u.length, 0);
    };
    const noMerge = {
      ...clock.deps,
      mergeUpdates: (us: Uint8Array[]) => new Uint8Array(us.length * 64 * 1024),
    };
    const flooded = new DeferredRelay(
      { forward: (u) => sent.push(u), hasOtherPeers: () => true },
      noMerge,
    );
    for (let i = 0; i < 1000; i++) flooded.add(update); // 64 MiB offered at once
    expect(forwarded()).toBe(FORWARD_BUDGET.burst);
    clock.advance(1000);
    for (let i = 0; i < 1000; i++) flooded.add(update);
    expect(forwarded()).toBe(FORWARD_BUDGET.burst + FORWARD_BUDGET.perSecond);
    relay.dispose();
  });
});
