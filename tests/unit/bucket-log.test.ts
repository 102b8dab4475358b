import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { BucketLog, BUCKET_SIZE } from '../../src-shared/circle/bucket-log';

/** Distinct, recognisable items: writer tag + counter, as bytes. */
const item = (tag: string, n: number): Uint8Array => new TextEncoder().encode(`${tag}#${n}`);
const items = (tag: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => item(tag, from + i));
const label = (x: unknown): string =>
  x instanceof Uint8Array ? new TextDecoder().decode(x) : `junk:${JSON.stringify(x)}`;
const labels = (xs: unknown[]) => xs.map(label).sort();

function bucketSizes(doc: Y.Doc): Record<string, number> {
  const out: Record<string, number> = {};
  doc.getMap('buckets').forEach((v, k) => {
    out[k] = v instanceof Y.Array ? v.length : -1;
  });
  return out;
}

/** Two docs wired to each other by incremental updates, as y-webrtc would. */
function connect(a: Y.Doc, b: Y.Doc): () => void {
  const ab = (u: Uint8Array, origin: unknown) =>
    origin !== 'remote' && Y.applyUpdate(b, u, 'remote');
  const ba = (u: Uint8Array, origin: unknown) =>
    origin !== 'remote' && Y.applyUpdate(a, u, 'remote');
  a.on('update', ab);
  b.on('update', ba);
  return () => {
    a.off('update', ab);
    b.off('update', ba);
  };
}

describe('BucketLog append', () => {
  it('defaults to buckets of 1000', () => {
    expect(BUCKET_SIZE).toBe(1000);
  });

  it('rejects writer ids that could collide with the key format', () => {
    const doc = new Y.Doc();
    for (const bad of ['', 'a:b', 'a b', 'x'.repeat(65), 'ü'])
      expect(() => new BucketLog(doc, bad), bad).toThrow('invalid writer id');
    expect(() => new BucketLog(doc, 'Abc_-09')).not.toThrow();
  });

  it('spreads items into buckets of bucketSize per writer and rolls over', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'w', 3);
    log.append([]);
    expect(bucketSizes(doc)).toEqual({});
    log.append(items('w', 0, 7));
    expect(bucketSizes(doc)).toEqual({ 'w:0': 3, 'w:1': 3, 'w:2': 1 });
    log.append([item('w', 7)]);
    log.append([item('w', 8)]);
    expect(bucketSizes(doc)).toEqual({ 'w:0': 3, 'w:1': 3, 'w:2': 3 });
    log.append([item('w', 9)]);
    expect(bucketSizes(doc)).toEqual({ 'w:0': 3, 'w:1': 3, 'w:2': 3, 'w:3': 1 });
    // Order inside the writer's buckets is append order.
    const w2 = doc.getMap('buckets').get('w:2') as Y.Array<Uint8Array>;
    expect(w2.toArray().map(label)).toEqual(['w#6', 'w#7', 'w#8']);
    expect(labels(log.all())).toEqual(labels(items('w', 0, 10)));
  });

  it('one append is one Yjs update (one transaction), even across buckets', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'w', 3);
    let updates = 0;
    doc.on('update', () => updates++);
    log.append(items('w', 0, 8));
    expect(updates).toBe(1);
  });

  it('keeps writers in separate buckets in one doc', () => {
    const doc = new Y.Doc();
    const a = new BucketLog(doc, 'alice', 2);
    const b = new BucketLog(doc, 'bob', 2);
    a.append(items('a', 0, 3));
    b.append(items('b', 0, 1));
    a.append(items('a', 3, 1));
    expect(bucketSizes(doc)).toEqual({ 'alice:0': 2, 'alice:1': 2, 'bob:0': 1 });
    expect(a.all().length).toBe(5);
    expect(labels(b.all())).toEqual(labels([...items('a', 0, 4), ...items('b', 0, 1)]));
  });
});

describe('BucketLog sync between docs', () => {
  it('full-state sync: both docs end with the same set', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const a = new BucketLog(d1, 'alice', 3);
    const b = new BucketLog(d2, 'bob', 3);
    a.append(items('a', 0, 5));
    b.append(items('b', 0, 4));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1, Y.encodeStateVector(d2)));
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2, Y.encodeStateVector(d1)));
    const expected = labels([...items('a', 0, 5), ...items('b', 0, 4)]);
    expect(labels(a.all())).toEqual(expected);
    expect(labels(b.all())).toEqual(expected);
    expect(bucketSizes(d1)).toEqual(bucketSizes(d2));
  });

  it('incremental updates while both write concurrently converge', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const a = new BucketLog(d1, 'alice', 3);
    const b = new BucketLog(d2, 'bob', 3);
    const disconnect = connect(d1, d2);
    for (let i = 0; i < 10; i++) {
      a.append([item('a', i)]);
      if (i % 3 === 0) b.append(items('b', i, 2));
    }
    disconnect();
    // Offline writes on both sides, then a state-vector sync.
    a.append(items('a', 10, 4));
    b.append(items('b', 100, 5));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1, Y.encodeStateVector(d2)));
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2, Y.encodeStateVector(d1)));
    const expected = labels([
      ...items('a', 0, 14),
      ...items('b', 0, 2),
      ...items('b', 3, 2),
      ...items('b', 6, 2),
      ...items('b', 9, 2),
      ...items('b', 100, 5),
    ]);
    expect(labels(a.all())).toEqual(expected);
    expect(labels(b.all())).toEqual(expected);
  });

  it('two logs with the same bucketSize on both sides never lose items to key conflicts', () => {
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const logs = docs.map((d, i) => new BucketLog(d, `peer${i}`, 2));
    logs.forEach((log, i) => log.append(items(`p${i}`, 0, 5)));
    // Everyone exchanges full state.
    for (const from of docs)
      for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
    for (const log of logs) expect(log.all().length).toBe(15);
  });
});

describe('BucketLog observe', () => {
  it('reports every local append exactly once, including across a rollover', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'w', 3);
    const seen: unknown[] = [];
    const calls: number[] = [];
    const off = log.observe((added) => {
      seen.push(...added);
      calls.push(added.length);
    });
    log.append(items('w', 0, 2)); // new bucket w:0
    log.append(items('w', 2, 3)); // fills w:0, starts w:1 in the same transaction
    log.append([item('w', 5)]); // into w:1
    log.append(items('w', 6, 7)); // w:1 full, w:2, w:3 (partial)
    expect(calls).toEqual([2, 3, 1, 7]);
    expect(labels(seen)).toEqual(labels(items('w', 0, 13)));
    off();
    log.append([item('w', 13)]);
    expect(seen.length).toBe(13);
  });

  it('reports remote incremental updates exactly once', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const a = new BucketLog(d1, 'alice', 3);
    const b = new BucketLog(d2, 'bob', 3);
    const seenByB: unknown[] = [];
    b.observe((added) => seenByB.push(...added));
    connect(d1, d2);
    for (let i = 0; i < 8; i++) a.append([item('a', i)]);
    a.append(items('a', 8, 5));
    b.append(items('b', 0, 2));
    expect(labels(seenByB)).toEqual(labels([...items('a', 0, 13), ...items('b', 0, 2)]));
  });

  it('reports a remote update that creates a new bucket with content', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const a = new BucketLog(d1, 'alice', 3);
    const b = new BucketLog(d2, 'bob', 3);
    b.append(items('b', 0, 1));
    const seen: unknown[] = [];
    b.observe((added) => seen.push(...added));
    // A catch-up update holding several whole buckets at once.
    a.append(items('a', 0, 7));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    expect(labels(seen)).toEqual(labels(items('a', 0, 7)));
    // Next: one update that adds to an existing remote bucket AND creates a new one.
    const before = Y.encodeStateVector(d2);
    a.append(items('a', 7, 3)); // w:2 had 1 -> 3, then alice:3 gets 1
    seen.length = 0;
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1, before));
    expect(labels(seen)).toEqual(labels(items('a', 7, 3)));
    // Applying the same update again reports nothing.
    seen.length = 0;
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    expect(seen).toEqual([]);
  });

  it('out-of-order updates (bucket content before the bucket) are reported once when they resolve', () => {
    const d1 = new Y.Doc();
    const a = new BucketLog(d1, 'alice', 3);
    const updates: Uint8Array[] = [];
    d1.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 6; i++) a.append([item('a', i)]);
    const d2 = new Y.Doc();
    const b = new BucketLog(d2, 'bob', 3);
    const seen: unknown[] = [];
    b.observe((added) => seen.push(...added));
    for (const u of [...updates].reverse()) Y.applyUpdate(d2, u);
    expect(labels(seen)).toEqual(labels(items('a', 0, 6)));
    expect(labels(b.all())).toEqual(labels(items('a', 0, 6)));
  });
});

describe('BucketLog with a malicious peer', () => {
  it('returns junk items as untrusted values without throwing, and ignores non-array buckets', () => {
    const evil = new Y.Doc();
    const map = evil.getMap<unknown>('buckets');
    const junkArray = new Y.Array<unknown>();
    evil.transact(() => {
      map.set('evil:0', junkArray);
      junkArray.push(['a string', 42, { nested: true }, null, [1, 2]]);
      map.set('evil:1', 'not an array');
      map.set('evil:2', new Y.Map());
      map.set('evil:3', new Y.Text('text'));
    });
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'me', 3);
    log.append([item('me', 0)]);
    const seen: unknown[] = [];
    log.observe((added) => seen.push(...added));
    expect(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil))).not.toThrow();
    const all = log.all();
    expect(all).toHaveLength(6);
    expect(all).toContainEqual('a string');
    expect(all).toContainEqual(42);
    expect(all).toContainEqual({ nested: true });
    expect(all).toContainEqual(null);
    expect(all).toContainEqual([1, 2]);
    expect(all.filter((x) => x instanceof Uint8Array).map(label)).toEqual(['me#0']);
    expect(seen).toHaveLength(5);
    expect(seen).toContainEqual({ nested: true });
    // Appending still works.
    log.append(items('me', 1, 3));
    expect(log.all().filter((x) => x instanceof Uint8Array)).toHaveLength(4);
  });

  it('a junk value under our own next bucket key is replaced, not written into', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'me', 2);
    log.append(items('me', 0, 2));
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(doc));
    evil.getMap<unknown>('buckets').set('me:1', 'junk');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil));
    // A reloaded log resumes after me:0 (full) and takes over me:1.
    const reloaded = new BucketLog(doc, 'me', 2);
    reloaded.append([item('me', 2)]);
    expect(bucketSizes(doc)).toEqual({ 'me:0': 2, 'me:1': 1 });
    expect(labels(reloaded.all())).toEqual(labels(items('me', 0, 3)));
  });
});

describe('BucketLog reload', () => {
  it('continues the writer’s last bucket instead of starting at bucket 0', () => {
    const d1 = new Y.Doc();
    new BucketLog(d1, 'w', 3).append(items('w', 0, 4)); // w:0 full, w:1 has 1
    const d2 = new Y.Doc();
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    const reloaded = new BucketLog(d2, 'w', 3);
    reloaded.append([item('w', 4)]);
    expect(bucketSizes(d2)).toEqual({ 'w:0': 3, 'w:1': 2 });
    reloaded.append(items('w', 5, 2));
    expect(bucketSizes(d2)).toEqual({ 'w:0': 3, 'w:1': 3, 'w:2': 1 });
    expect(labels(reloaded.all())).toEqual(labels(items('w', 0, 7)));
  });

  it('starts a new bucket after a full last bucket, keeping earlier ones intact', () => {
    const d1 = new Y.Doc();
    new BucketLog(d1, 'w', 3).append(items('w', 0, 6)); // w:0, w:1 both full
    const d2 = new Y.Doc();
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    const reloaded = new BucketLog(d2, 'w', 3);
    reloaded.append([item('w', 6)]);
    expect(bucketSizes(d2)).toEqual({ 'w:0': 3, 'w:1': 3, 'w:2': 1 });
    const w0 = d2.getMap('buckets').get('w:0') as Y.Array<Uint8Array>;
    expect(w0.toArray().map(label)).toEqual(['w#0', 'w#1', 'w#2']);
    // The original doc, synced back, sees all 7.
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2));
    expect(labels(new BucketLog(d1, 'x').all())).toEqual(labels(items('w', 0, 7)));
  });

  it('another writer’s buckets do not affect where we resume', () => {
    const d = new Y.Doc();
    new BucketLog(d, 'other', 2).append(items('o', 0, 9));
    new BucketLog(d, 'w', 2).append(items('w', 0, 1));
    const reloaded = new BucketLog(d, 'w', 2);
    reloaded.append([item('w', 1)]);
    expect(bucketSizes(d)['w:0']).toBe(2);
    expect(bucketSizes(d)['w:1']).toBeUndefined();
  });
});

describe('BucketLog performance', () => {
  it('20,000 appends one at a time with bucketSize 1000 take under 5 s', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'w', 1000);
    const record = new Uint8Array(200).fill(7);
    const start = performance.now();
    for (let i = 0; i < 20_000; i++) log.append([record]);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(5000);
    expect(log.all()).toHaveLength(20_000);
    expect(Object.keys(bucketSizes(doc))).toHaveLength(20);
    expect(Object.values(bucketSizes(doc)).every((n) => n === 1000)).toBe(true);
  });
});

describe('BucketLog against a peer that replaces our bucket', () => {
  it('keeps appending where every peer can see it', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    mine.on('update', (u: Uint8Array) => Y.applyUpdate(theirs, u));
    theirs.on('update', (u: Uint8Array) => Y.applyUpdate(mine, u));
    const log = new BucketLog(mine, 'writer', 10);
    log.append([Uint8Array.of(1)]);
    // A malicious peer overwrites our bucket with an empty one.
    theirs.getMap('buckets').set('writer:0', new Y.Array());
    log.append([Uint8Array.of(2)]);
    const seen = (doc: Y.Doc) =>
      new BucketLog(doc, 'reader').all().map((x) => (x as Uint8Array)[0]);
    expect(seen(mine)).toContain(2);
    expect(seen(theirs)).toContain(2);
  });
});

describe('BucketLog with a huge bucket from a peer', () => {
  it('lists and reports 200k items without overflowing the stack', () => {
    const doc = new Y.Doc();
    const log = new BucketLog(doc, 'me');
    let seen = 0;
    log.observe((items) => (seen += items.length));
    const huge = new Y.Array<number>();
    doc.transact(() => {
      doc.getMap('buckets').set('peer/0', huge);
      huge.push(Array.from({ length: 200_000 }, (_, i) => i));
    });
    expect(log.all()).toHaveLength(200_000);
    expect(seen).toBe(200_000);
  });
});
