// What a peer's Yjs update may hold before it touches a document (src-shared/sync/update-guard.ts):
// honest circle logs pass untouched, big updates split into parts that each pass and rebuild the
// same document in any order, and every other shape a hostile peer can give an update is refused
// or, for a log's deletes, dropped.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CIRCLE_LOG_SHAPE, HANDOVER_SHAPE, LOBBY_SHAPE } from '../../src-shared/circle/doc-shapes';
import { MAX_SEALED_RECORD_BYTES } from '../../src-shared/records/schema';
import { screenUpdate, splitUpdate, type DocShape } from '../../src-shared/sync/update-guard';
import {
  appendRecords,
  honestWriter,
  logContent,
  logOfSize,
  recordSize,
} from '../support/bucket-docs';
import { patterned } from '../support/patterned-bytes';
import { mulberry32, shuffle } from '../support/seeded-random';
import { decodeStructs, encodeStructs, withLastContent } from '../support/update-surgery';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The update `change` makes to a document that starts as `base` (or empty). */
function updateOf(change: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The problem `screenUpdate` names for an update, or 'ok'. */
function verdict(update: Uint8Array, shape: DocShape = CIRCLE_LOG_SHAPE, doc?: Y.Doc): string {
  const screened = screenUpdate(update, shape, doc);
  return screened.ok ? 'ok' : screened.problem;
}

const buckets = (doc: Y.Doc) => doc.getMap<unknown>('buckets');

describe('honest circle logs pass unchanged', () => {
  const seeds = process.env.HEARTH_SEED ? [Number(process.env.HEARTH_SEED)] : range(1, 13);

  it(`writers, buckets and records at random (seeds ${seeds[0]}..${seeds.at(-1)})`, () => {
    let updates = 0;
    let records = 0;
    for (const seed of seeds) {
      const where = `seed ${seed} (replay: HEARTH_SEED=${seed})`;
      const rand = mulberry32(seed);
      const pick = (n: number) => Math.floor(rand() * n);
      const writers = range(0, 2 + pick(4)).map((i) => honestWriter(`w${i}-${seed}`, 1 + pick(8)));
      // Each receiver gets every other writer's updates, some late and out of order.
      const inbox = writers.map(() => [] as Uint8Array[]);
      const deliver = (to: number, update: Uint8Array) => {
        const screened = screenUpdate(update, CIRCLE_LOG_SHAPE, writers[to]!.doc);
        expect(screened, where).toMatchObject({ ok: true });
        expect(screened.ok && screened.update, where).toBe(update);
        Y.applyUpdate(writers[to]!.doc, update);
        updates++;
      };
      for (let step = 0; step < 30; step++) {
        const from = pick(writers.length);
        const count = 1 + pick(12);
        const update = appendRecords(
          writers[from]!,
          count,
          () => recordSize(rand),
          seed * 100 + step,
        );
        records += count;
        writers.forEach((_, to) => to !== from && inbox[to]!.push(update));
        const to = pick(writers.length);
        for (const late of shuffle(inbox[to]!.splice(0), rand)) deliver(to, late);
      }
      writers.forEach((_, to) => inbox[to]!.splice(0).forEach((u) => deliver(to, u)));
      const want = logContent(writers[0]!.doc);
      for (const writer of writers) expect(logContent(writer.doc), where).toEqual(want);
      // A newcomer's whole catch-up passes too, and rebuilds the same log.
      const whole = Y.encodeStateAsUpdate(writers[0]!.doc);
      const newcomer = new Y.Doc();
      expect(verdict(whole, CIRCLE_LOG_SHAPE, newcomer), where).toBe('ok');
      Y.applyUpdate(newcomer, whole);
      expect(logContent(newcomer), where).toEqual(want);
    }
    console.log(`honest logs: seeds ${seeds.join(',')}: ${updates} updates, ${records} records`);
    expect(records).toBeGreaterThan(seeds.length * 30);
  }, 30_000);

  it("a copy of what the receiver holds, as a newcomer forwards one member's catch-up to another, passes", () => {
    // Alice and Bob share a log; Carol joins, gets Alice's whole document and forwards it (as
    // deferred-relay.ts does for small updates) to Bob, who holds every bucket in it already.
    const alice = honestWriter('alice', 4);
    const bob = honestWriter('bob', 4);
    appendRecords(alice, 9, () => 300, 1);
    appendRecords(bob, 6, () => 300, 2);
    Y.applyUpdate(alice.doc, Y.encodeStateAsUpdate(bob.doc));
    Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(alice.doc));
    const forwarded = Y.encodeStateAsUpdate(alice.doc);
    expect(verdict(forwarded, CIRCLE_LOG_SHAPE, bob.doc)).toBe('ok');
    // Half-held: Bob has the older part; the rest (new records, a new bucket) is news to him.
    appendRecords(alice, 6, () => 300, 3);
    const partly = Y.encodeStateAsUpdate(alice.doc);
    expect(verdict(partly, CIRCLE_LOG_SHAPE, bob.doc)).toBe('ok');
    Y.applyUpdate(bob.doc, partly);
    expect(logContent(bob.doc)).toEqual(logContent(alice.doc));
  });
});

describe('splitUpdate', () => {
  const doc = logOfSize(5 * MiB, mulberry32(7));
  const whole = Y.encodeStateAsUpdate(doc);
  const parts = splitUpdate(whole, MiB);
  const rebuilt = (order: Uint8Array[]) => {
    const copy = new Y.Doc();
    for (const part of order) Y.applyUpdate(copy, part);
    return copy;
  };

  it('parts are each at most the limit and each passes the screen', () => {
    expect(whole.length).toBeGreaterThan(5 * MiB);
    expect(parts.length).toBeGreaterThanOrEqual(5);
    for (const [i, part] of parts.entries()) {
      expect(part.length, `part ${i}`).toBeLessThanOrEqual(MiB);
      expect(verdict(part), `part ${i}`).toBe('ok');
    }
  });

  it(
    'applied in order, in reverse (Yjs holds pending structs) or shuffled, rebuild the document',
    { timeout: 20_000 },
    () => {
      const want = logContent(doc);
      expect(logContent(rebuilt(parts))).toEqual(want);
      expect(logContent(rebuilt([...parts].reverse()))).toEqual(want);
      for (const seed of [1, 2, 3])
        expect(logContent(rebuilt(shuffle(parts, mulberry32(seed))))).toEqual(want);
      expect(Y.encodeStateVector(rebuilt([...parts].reverse()))).toEqual(Y.encodeStateVector(doc));
    },
  );

  it('a struct bigger than the limit goes alone, and the rest still fit', () => {
    const smallDoc = logOfSize(400 * KiB, mulberry32(8));
    const small = splitUpdate(Y.encodeStateAsUpdate(smallDoc), 8 * KiB);
    for (const part of small)
      if (part.length > 8 * KiB) expect(decodeStructs(part)).toHaveLength(1);
    expect(small.some((part) => part.length > 8 * KiB)).toBe(true);
    expect(logContent(rebuilt(small.reverse()))).toEqual(logContent(smallDoc));
  });

  it('an update within the limit is returned as it is', () => {
    const update = updateOf((d) => d.getMap('knocks').set('r1', patterned(100, 1)));
    expect(splitUpdate(update, MiB)).toEqual([update]);
  });

  it("a lobby's deletes travel with the parts, and the parts remove what the whole removes", () => {
    const lobby = new Y.Doc();
    // Answers (welcomes) may be up to 192 KiB; knocks only 8 KiB (see the lobby attacks below).
    const welcomes = lobby.getMap<Uint8Array>('welcomes');
    for (let i = 0; i < 40; i++) welcomes.set(`r${i}/m`, patterned(100 * KiB, i + 1));
    for (let i = 0; i < 40; i += 3) welcomes.delete(`r${i}/m`);
    const lobbyParts = splitUpdate(Y.encodeStateAsUpdate(lobby), MiB);
    expect(lobbyParts.length).toBeGreaterThan(2);
    for (const part of lobbyParts) expect(verdict(part, LOBBY_SHAPE)).toBe('ok');
    const copy = rebuilt(lobbyParts.reverse());
    expect([...copy.getMap('welcomes').keys()].sort()).toEqual([...welcomes.keys()].sort());
  });

  it('attack: a knock bigger than a knock can be (8 KiB) is refused where it names its map', () => {
    const lobby = new Y.Doc();
    lobby.getMap<Uint8Array>('knocks').set('r1', patterned(8 * KiB + 1, 1));
    expect(verdict(Y.encodeStateAsUpdate(lobby), LOBBY_SHAPE)).toBe('oversized-value');
    const fine = new Y.Doc();
    fine.getMap<Uint8Array>('knocks').set('r1', patterned(8 * KiB, 1));
    expect(verdict(Y.encodeStateAsUpdate(fine), LOBBY_SHAPE)).toBe('ok');
  });
});

describe('attacks on a circle log: refused', () => {
  const record = (size = 100) => patterned(size, size);
  /** An update that adds one bucket `key` holding `items`. */
  const bucketOf = (key: string, items: unknown[]) =>
    updateOf((d) => {
      const bucket = new Y.Array<unknown>();
      buckets(d).set(key, bucket);
      bucket.push(items);
    });

  it.each([
    [
      'a foreign root map',
      'foreign-root',
      () => updateOf((d) => d.getMap('other').set('k', record())),
    ],
    [
      'a foreign root array',
      'foreign-root',
      () => updateOf((d) => d.getArray('log').push([record()])),
    ],
    [
      'text as the buckets root',
      'foreign-content',
      () => updateOf((d) => d.getText('buckets').insert(0, 'hi')),
    ],
    ['a string record (JSON-like any)', 'foreign-content', () => bucketOf('w:0', ['hello'])],
    ['an object record', 'foreign-content', () => bucketOf('w:0', [{ a: 1 }])],
    [
      'a ContentString record',
      'foreign-content',
      () => withLastContent(bucketOf('w:0', [record()]), new Y.ContentString('x')),
    ],
    [
      'a ContentJSON record',
      'foreign-content',
      () => withLastContent(bucketOf('w:0', [record()]), new Y.ContentJSON(['x'])),
    ],
    [
      'a ContentEmbed record',
      'foreign-content',
      () => withLastContent(bucketOf('w:0', [record()]), new Y.ContentEmbed({ x: 1 })),
    ],
    [
      'a ContentFormat record',
      'foreign-content',
      () => withLastContent(bucketOf('w:0', [record()]), new Y.ContentFormat('bold', true)),
    ],
    [
      'a Y.Map as a bucket',
      'foreign-content',
      () => updateOf((d) => buckets(d).set('w:0', new Y.Map())),
    ],
    [
      'a Y.Text as a bucket',
      'foreign-content',
      () => updateOf((d) => buckets(d).set('w:0', new Y.Text('x'))),
    ],
    ['a Y.Array inside a bucket', 'misplaced-value', () => bucketOf('w:0', [new Y.Array()])],
    [
      'a record straight under buckets',
      'misplaced-value',
      () => updateOf((d) => buckets(d).set('w:0', record())),
    ],
    ['a bucket key with a path', 'bad-key', () => bucketOf('../w:0', [record()])],
    ['a bucket key without a number', 'bad-key', () => bucketOf('w:x', [record()])],
    ['an empty bucket key', 'bad-key', () => bucketOf('', [record()])],
    ['a writer id of 65 characters', 'bad-key', () => bucketOf(`${'w'.repeat(65)}:0`, [record()])],
    ['a 17 KiB record', 'oversized-value', () => bucketOf('w:0', [record(17 * KiB)])],
    [
      'a record one byte over',
      'oversized-value',
      () => bucketOf('w:0', [record(MAX_SEALED_RECORD_BYTES + 1)]),
    ],
    [
      'a bucket created with origins (its key set twice)',
      'misplaced-value',
      () =>
        updateOf(
          (d) => (buckets(d).set('w:0', new Y.Array()), buckets(d).set('w:0', new Y.Array())),
        ),
    ],
  ] as const)('%s -> %s', (_name, problem, make) => {
    expect(verdict(make())).toBe(problem);
  });

  it('a record hidden under a map key inside a bucket, where no reader looks, is refused', () => {
    // No Yjs call makes this: the record is an array's child with a key, so Yjs files it in the
    // array's map part. The bucket shows no records, so nobody validates it, yet it is stored and
    // replayed to every newcomer.
    const structs = decodeStructs(bucketOf('w:0', [record()]));
    (structs.at(-1) as unknown as { parentSub: string }).parentSub = 'w:1';
    const attack = encodeStructs(structs);
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, attack);
    expect((buckets(receiver).get('w:0') as Y.Array<unknown>).length).toBe(0);
    expect(screenUpdate(attack, CIRCLE_LOG_SHAPE, new Y.Doc()).ok).toBe(false);
  });

  it('the largest record, 16 KiB, in a bucket of its own passes', () => {
    expect(verdict(bucketOf('w:0', [record(MAX_SEALED_RECORD_BYTES)]))).toBe('ok');
  });

  it('bytes that are no update are malformed, and a thousand mutations never throw', () => {
    expect(verdict(Uint8Array.of(0xff, 0xff, 0xff))).toBe('malformed');
    const honest = bucketOf('w:0', [record(), record(200)]);
    const rand = mulberry32(0xbad);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const bytes = honest.slice();
      for (let flips = 1 + Math.floor(rand() * 3); flips > 0; flips--)
        bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      expect(() => seen.add(verdict(bytes)), `mutation ${i}`).not.toThrow();
    }
    expect(seen.has('malformed')).toBe(true);
  });
});

describe("attacks on another writer's bucket", () => {
  /** A receiver holding alice's bucket of three records, and an attacker that has synced it. */
  function victim() {
    const alice = honestWriter('alice', 10);
    appendRecords(alice, 3, () => 500, 1);
    return { receiver: alice.doc, want: logContent(alice.doc) };
  }

  it('an update deleting the bucket applies without the delete: bucket and records survive', () => {
    const { receiver, want } = victim();
    const attack = updateOf((d) => buckets(d).delete('alice:0'), receiver);
    // Applied as it came, the attack erases alice's history (what it did before the guard).
    const unguarded = new Y.Doc();
    Y.applyUpdate(unguarded, Y.encodeStateAsUpdate(receiver));
    Y.applyUpdate(unguarded, attack);
    expect(logContent(unguarded)).toEqual({});
    const screened = screenUpdate(attack, CIRCLE_LOG_SHAPE, receiver);
    expect(screened.ok).toBe(true);
    Y.applyUpdate(receiver, screened.ok ? screened.update : attack);
    expect(logContent(receiver)).toEqual(want);
  });

  it("an update deleting records inside the bucket, with a record of the attacker's, keeps all", () => {
    const { receiver, want } = victim();
    const attack = updateOf((d) => {
      (buckets(d).get('alice:0') as Y.Array<Uint8Array>).delete(0, 3);
      const mine = new Y.Array<Uint8Array>();
      buckets(d).set('mallory:0', mine);
      mine.push([patterned(300, 9)]);
    }, receiver);
    const screened = screenUpdate(attack, CIRCLE_LOG_SHAPE, receiver);
    expect(screened).toMatchObject({ ok: true, items: 1, bytes: 300 });
    Y.applyUpdate(receiver, screened.ok ? screened.update : attack);
    expect(logContent(receiver)['alice:0']).toEqual(want['alice:0']);
    expect(logContent(receiver)['mallory:0']).toHaveLength(1);
  });

  it('a new bucket put in place of it is refused', () => {
    const { receiver } = victim();
    const attack = updateOf((d) => buckets(d).set('alice:0', new Y.Array()), receiver);
    expect(verdict(attack, CIRCLE_LOG_SHAPE, receiver)).toBe('misplaced-value');
  });

  it('an entry put in place of it and deleted at once (sent as deleted content) is refused', () => {
    const { receiver, want } = victim();
    const attack = updateOf((d) => {
      buckets(d).set('alice:0', new Y.Array());
      buckets(d).delete('alice:0');
    }, receiver);
    // Without the deletes it still erases the bucket: the deleted entry is the newest at its key.
    const stripped = new Y.Doc();
    Y.applyUpdate(stripped, Y.encodeStateAsUpdate(receiver));
    Y.applyUpdate(stripped, encodeStructs(decodeStructs(attack)));
    expect(logContent(stripped)).toEqual({});
    expect(verdict(attack, CIRCLE_LOG_SHAPE, receiver)).toBe('rewrite');
    expect(logContent(receiver)).toEqual(want);
  });
});

describe('lobby and handover rooms keep deletes', () => {
  it.each([
    ['lobby', LOBBY_SHAPE, 'knocks', 'r1'],
    ['handover', HANDOVER_SHAPE, 'records', 'k1'],
  ] as const)('%s: a delete passes as it came and removes the entry', (_name, shape, root, key) => {
    const receiver = new Y.Doc();
    receiver.getMap(root).set(key, patterned(100, 1));
    const remove = updateOf((d) => d.getMap(root).delete(key), receiver);
    const screened = screenUpdate(remove, shape, receiver);
    expect(screened).toMatchObject({ ok: true, update: remove });
    Y.applyUpdate(receiver, remove);
    expect(receiver.getMap(root).has(key)).toBe(false);
  });

  it.each([
    [
      'a bucket in a lobby',
      'misplaced-value',
      LOBBY_SHAPE,
      (d: Y.Doc) => d.getMap('knocks').set('r1', new Y.Array()),
    ],
    [
      'a lobby root in a handover room',
      'foreign-root',
      HANDOVER_SHAPE,
      (d: Y.Doc) => d.getMap('knocks').set('r1', patterned(9, 1)),
    ],
    [
      'a welcome over its limit',
      'oversized-value',
      LOBBY_SHAPE,
      (d: Y.Doc) => d.getMap('welcomes').set('r/a', patterned(193 * KiB, 1)),
    ],
  ] as const)('%s -> %s', (_name, problem, shape, change) => {
    expect(verdict(updateOf(change), shape)).toBe(problem);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
