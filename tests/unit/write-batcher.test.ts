// The write batcher with a stand-in store and fake timers (performance.now() included, since
// deadlines are compared in it). A real Yjs document, whose state beyond the last write is what a
// flush writes.
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

/** A document and a batcher writing it; `edit` changes it as a peer or we would, and says so. */
function batched(store: ReturnType<typeof fakeStore>, onProblem = () => {}) {
  const doc = new Y.Doc();
  const batcher = new WriteBatcher(store, 'c', doc, onProblem);
  let next = 0;
  const edit = (ours: boolean) => {
    doc.getArray<number>('a').push([next++]);
    batcher.noteChange(ours);
  };
  return { doc, batcher, edit };
}

/** The document the stored rows rebuild. */
function rebuilt(rows: readonly Row[]): Y.Doc {
  const doc = new Y.Doc();
  for (const row of rows) if (row.update) Y.applyUpdate(doc, row.update);
  return doc;
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
    const { doc, edit } = batched(store);
    edit(false);
    await vi.advanceTimersByTimeAsync(PEER_WRITE_DELAY_MS - 1);
    expect(store.rows).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.rows).toHaveLength(1);
    edit(true);
    await vi.advanceTimersByTimeAsync(OWN_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(2);
    expect(rebuilt(store.rows).getArray('a').toArray()).toEqual(doc.getArray('a').toArray());
  });

  it('the earliest deadline wins: a peer update waits no longer than our own that follows it', async () => {
    const store = fakeStore();
    const { batcher, edit } = batched(store);
    edit(false);
    edit(true);
    expect(batcher.flushDue - performance.now()).toBe(OWN_WRITE_DELAY_MS);
    // A later, longer request does not push the deadline back.
    edit(false);
    expect(batcher.flushDue - performance.now()).toBe(OWN_WRITE_DELAY_MS);
    await vi.advanceTimersByTimeAsync(OWN_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(1);
    // One row for the three, one update that rebuilds the document.
    expect(rebuilt(store.rows).getArray('a').toArray()).toEqual([0, 1, 2]);
  });

  it('judged records and rejections go in the same row as the document change', async () => {
    const store = fakeStore();
    const { batcher, edit } = batched(store);
    edit(false);
    batcher.queueRecord(record(1));
    batcher.queueRejected(['bad']);
    batcher.flush();
    await batcher.idle();
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]!.judged).toEqual({ records: [record(1)], rejected: ['bad'] });
    expect(rebuilt(store.rows).getArray('a').toArray()).toEqual([0]);
  });

  it('what was loaded from disk is not written again; each flush writes only what is new', async () => {
    const store = fakeStore();
    const { doc, batcher, edit } = batched(store);
    for (let i = 0; i < 500; i++) doc.getArray<number>('a').push([i]); // as if loaded
    batcher.storedUpToNow();
    edit(false);
    batcher.flush();
    edit(false);
    batcher.flush();
    await batcher.idle();
    expect(store.rows).toHaveLength(2);
    for (const row of store.rows) expect(row.update!.length).toBeLessThan(64);
  });

  it('a flood of junk taken out of the document before the flush is never written', async () => {
    // A hostile peer's 600 KiB of junk arrives; the log keeper takes it out within 250 ms, well
    // before the second a peer's change waits. Writing the updates as they came wrote it all.
    const store = fakeStore();
    const { doc, batcher, edit } = batched(store);
    edit(false);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    peer.getArray<Uint8Array>('junk').push([new Uint8Array(600 * 1024).fill(7)]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), 'peer');
    batcher.noteChange(false);
    doc.getArray('junk').delete(0, 1);
    batcher.noteChange(true);
    await vi.advanceTimersByTimeAsync(PEER_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]!.update!.length).toBeLessThan(1024);
    const copy = rebuilt(store.rows);
    expect(copy.getArray('a').toArray()).toEqual([0]);
    expect(copy.getArray('junk').length).toBe(0);
  });

  it('nothing pending, nothing written', async () => {
    const store = fakeStore();
    const { batcher } = batched(store);
    batcher.flush();
    batcher.schedule(OWN_WRITE_DELAY_MS);
    await vi.advanceTimersByTimeAsync(PEER_WRITE_DELAY_MS);
    expect(store.rows).toHaveLength(0);
  });

  it('a refused write shows the problem, is retried in order, and the problem clears once it lands', async () => {
    const store = fakeStore();
    let told = 0;
    const { batcher } = batched(store, () => told++);
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
    const { batcher } = batched(store);
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
