// The write batcher with a stand-in store and fake timers (performance.now() included, since
// deadlines are compared in it). Real Yjs updates, so merging is the real thing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  OWN_WRITE_DELAY_MS,
  PEER_WRITE_DELAY_MS,
  STORAGE_PROBLEM,
  WriteBatcher,
} from '../../src-renderer/services/circles/write-batcher';
import type { JudgedBatch } from '../../src-renderer/services/storage/circle-store';

type Row = { update: Uint8Array | null; judged: JudgedBatch | null };

/** A store that keeps rows in memory and can be told to refuse the next writes. */
function fakeStore() {
  const rows: Row[] = [];
  let refusals = 0;
  return {
    rows,
    refuse(n: number) {
      refusals = n;
    },
    appendLogs(_circle: string, row: Row): Promise<void> {
      if (refusals > 0) {
        refusals--;
        return Promise.reject(new DOMException('full', 'QuotaExceededError'));
      }
      rows.push(row);
      return Promise.resolve();
    },
  };
}

/** Real updates: `n` edits to one document. */
function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getArray<number>('a').push([i]);
  return out;
}

const record = (i: number) =>
  ({ key: `k${i}`, record: { id: `r${i}` } }) as unknown as JudgedBatch['records'][number];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WriteBatcher', () => {
  it("writes our own updates within 100 ms and a peer's within a second", async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher(store, 'c', () => {});
    const [ours, theirs] = updates(2);
    batcher.queueUpdate(theirs!, false);
    await vi.advanceTimersByTimeAsync(PEER_WRITE_DELAY_MS - 1);
    expect(store.rows).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.rows).toHaveLength(1);
    batcher.queueUpdate(ours!, true);
    await vi.advanceTimersByTimeAsync(OWN_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(2);
  });

  it('the earliest deadline wins: a peer update waits no longer than our own that follows it', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher(store, 'c', () => {});
    const [a, b, c] = updates(3);
    batcher.queueUpdate(a!, false);
    batcher.queueUpdate(b!, true);
    expect(batcher.flushDue - performance.now()).toBe(OWN_WRITE_DELAY_MS);
    // A later, longer request does not push the deadline back.
    batcher.queueUpdate(c!, false);
    expect(batcher.flushDue - performance.now()).toBe(OWN_WRITE_DELAY_MS);
    await vi.advanceTimersByTimeAsync(OWN_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(1);
    // One row for the three, merged into one update that rebuilds the document.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, store.rows[0]!.update!);
    expect(doc.getArray('a').toArray()).toEqual([0, 1, 2]);
  });

  it('judged records and rejections go in the same row as the updates; a single update is stored as it is', () => {
    const store = fakeStore();
    const batcher = new WriteBatcher(store, 'c', () => {});
    const [u] = updates(1);
    batcher.queueUpdate(u!, false);
    batcher.queueRecord(record(1));
    batcher.queueRejected(['bad']);
    batcher.flush();
    return batcher.idle().then(() => {
      expect(store.rows).toEqual([
        { update: u, judged: { records: [record(1)], rejected: ['bad'] } },
      ]);
      expect(store.rows[0]!.update).toBe(u);
    });
  });

  it('nothing pending, nothing written', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher(store, 'c', () => {});
    batcher.flush();
    batcher.schedule(OWN_WRITE_DELAY_MS);
    await vi.advanceTimersByTimeAsync(PEER_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(0);
  });

  it('a refused write shows the problem, is retried in order, and the problem clears once it lands', async () => {
    const store = fakeStore();
    let told = 0;
    const batcher = new WriteBatcher(store, 'c', () => told++);
    store.refuse(2);
    batcher.queueRecord(record(1));
    batcher.flush();
    batcher.queueRecord(record(2));
    batcher.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(batcher.problem).toBe(STORAGE_PROBLEM);
    expect(store.rows).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.rows.map((r) => r.judged!.records[0]!.key)).toEqual(['k1', 'k2']);
    expect(batcher.problem).toBeNull();
    expect(told).toBeGreaterThanOrEqual(2);
  });

  it('other writes run in order with the flushes, and their failures raise no problem', async () => {
    const store = fakeStore();
    const batcher = new WriteBatcher(store, 'c', () => {});
    const order: string[] = [];
    let failOnce = true;
    batcher.queueRecord(record(1));
    batcher.flush();
    batcher.run(() => {
      if (failOnce) {
        failOnce = false;
        return Promise.reject(new Error('busy'));
      }
      order.push('compaction');
      return Promise.resolve();
    });
    batcher.queueRecord(record(2));
    batcher.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(batcher.problem).toBeNull();
    // The flush behind the retried write waits for it.
    expect(store.rows).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual(['compaction']);
    expect(store.rows).toHaveLength(2);
  });
});
