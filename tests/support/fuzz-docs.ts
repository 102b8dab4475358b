// Yjs documents for fuzzing (issue 16): honest writers' bucket logs, updates a hostile peer could
// make with Yjs itself (junk in buckets, other root types, deletes and overwrites of another
// writer's buckets), and what a circle's log may hold after a peer's update.
import * as Y from 'yjs';
import { BucketLog } from '../../src-shared/circle/bucket-log';
import { CIRCLE_LOG_SHAPE } from '../../src-shared/circle/doc-shapes';
import { below, pick, randomBytes } from './fuzz-mutate';
import { mulberry32 } from './seeded-random';

/** Honest writers' logs: the state they share, each one's updates, and every record in them. */
export interface HonestLogs {
  state: Uint8Array;
  updates: Uint8Array[];
  records: Uint8Array[];
  keys: string[];
}

/** A document whose client id is chosen, so that the updates it makes replay exactly. */
export function docWithClient(clientId: number): Y.Doc {
  // A guid given: Yjs would draw a random one, 31 calls to the platform's CSPRNG per document.
  const doc = new Y.Doc({ guid: 'fuzz' });
  doc.clientID = clientId;
  return doc;
}

/** Three writers appending a few records (random bytes standing in for sealed records) in small buckets. */
export function honestLogs(seed: number): HonestLogs {
  const rand = mulberry32(seed);
  const shared = docWithClient(1);
  const updates: Uint8Array[] = [];
  const records: Uint8Array[] = [];
  ['ana', 'bo', 'cy'].forEach((writer, i) => {
    const doc = docWithClient(100 + i);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(shared));
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const log = new BucketLog(doc, writer, 3);
    for (let n = 0; n < 3; n++) {
      const batch = Array.from({ length: 1 + below(rand, 2) }, () =>
        randomBytes(rand, 20 + below(rand, 60)),
      );
      records.push(...batch);
      log.append(batch);
    }
    Y.applyUpdate(shared, Y.encodeStateAsUpdate(doc));
  });
  const keys = [...shared.getMap('buckets').keys()];
  return { state: Y.encodeStateAsUpdate(shared), updates, records, keys };
}

/** Values a hostile peer may put where sealed records belong. */
function junkValue(rand: () => number): unknown {
  return pick<() => unknown>(rand, [
    () => randomBytes(rand, below(rand, 64)),
    () => randomBytes(rand, CIRCLE_LOG_SHAPE.maxValueBytes + 1),
    () => 'a string',
    () => 42,
    () => null,
    () => ({ sealed: true }),
    () => [1, 2, 3],
    () => new Y.Map(),
    () => new Y.Text('text'),
    () => new Y.Array(),
  ])();
}

const BAD_KEYS = ['', 'a'.repeat(100), '../x', 'ana:-1', '__proto__', 'ana', 'ana:1:2', 'ä:1'];

function hostileOp(rand: () => number, doc: Y.Doc, honest: HonestLogs): void {
  const buckets = doc.getMap<unknown>('buckets');
  const someKey = () =>
    rand() < 0.4
      ? pick(rand, honest.keys)
      : rand() < 0.5
        ? `evil:${below(rand, 9)}`
        : pick(rand, BAD_KEYS);
  const bucket = () => buckets.get(pick(rand, honest.keys));
  switch (below(rand, 9)) {
    case 0: {
      // A bucket (new, or replacing a writer's) holding junk.
      const junk = new Y.Array<unknown>();
      junk.push(Array.from({ length: below(rand, 4) }, () => junkValue(rand)));
      buckets.set(someKey(), junk);
      return;
    }
    case 1:
      // A map entry that is not a bucket at all.
      buckets.set(someKey(), junkValue(rand));
      return;
    case 2: {
      const b = bucket();
      if (b instanceof Y.Array && b.length > 0) b.delete(below(rand, b.length), 1);
      return;
    }
    case 3:
      buckets.delete(pick(rand, honest.keys));
      return;
    case 4: {
      // Into another writer's bucket: records (its own business) or junk.
      const b = bucket();
      if (b instanceof Y.Array) b.insert(below(rand, b.length + 1), [junkValue(rand)]);
      return;
    }
    case 5:
      doc.getMap('other').set('k', junkValue(rand));
      return;
    case 6:
      doc.getText(pick(rand, ['text', 'knocks'])).insert(0, 'hello');
      return;
    case 7:
      buckets.set(`evil:${below(rand, 9)}`, new Y.Array());
      return;
    default: {
      const many = new Y.Array<Uint8Array>();
      many.push(Array.from({ length: 50 + below(rand, 200) }, () => randomBytes(rand, 8)));
      buckets.set(`evil:${below(rand, 9)}`, many);
    }
  }
}

/**
 * An update a hostile peer makes with Yjs: usually after syncing the honest logs, one to three
 * changes in one transaction; sometimes 'buckets' made an array root, which no log is.
 */
export function hostileUpdate(rand: () => number, honest: HonestLogs): Uint8Array {
  const doc = docWithClient(1000 + below(rand, 1 << 30));
  if (rand() < 0.08) {
    doc.getArray('buckets').push([randomBytes(rand, 16)]);
    return Y.encodeStateAsUpdate(doc);
  }
  if (rand() < 0.8) Y.applyUpdate(doc, honest.state);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    for (let i = 1 + below(rand, 3); i > 0; i--) hostileOp(rand, doc, honest);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** What breaks a circle log's shape in `doc`: roots, keys, entries or items it may not have. */
export function shapeProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  for (const name of doc.share.keys()) if (name !== 'buckets') problems.push(`root ${name}`);
  const buckets = doc.getMap<unknown>('buckets');
  if (buckets._start !== null) problems.push('list items in the buckets map');
  buckets.forEach((value, key) => {
    if (!CIRCLE_LOG_SHAPE.keyPattern.test(key)) problems.push(`key ${JSON.stringify(key)}`);
    if (!(value instanceof Y.Array)) return problems.push(`entry ${key} is not an array`);
    for (const item of value.toArray() as unknown[])
      if (!(item instanceof Uint8Array) || item.length > CIRCLE_LOG_SHAPE.maxValueBytes)
        problems.push(`item in ${key} is not a record`);
  });
  return problems;
}

/** Hex of each record, counted: a multiset to compare logs by. */
export function recordCounts(items: readonly unknown[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    if (!(item instanceof Uint8Array)) continue;
    const key = Buffer.from(item).toString('hex');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * Whether an update has an item that names an item of its own writer at or after itself as its
 * origin, right origin or parent. Yjs assumes a writer's items only name earlier ones, and throws
 * (a TypeError in findIndexSS) when one does not; such an update cannot come from Yjs itself.
 */
export function namesItsOwnFuture(update: Uint8Array): boolean {
  const later = (item: Y.Item, id: unknown) =>
    id instanceof Y.ID && id.client === item.id.client && id.clock >= item.id.clock;
  try {
    return Y.decodeUpdate(update).structs.some(
      (s) =>
        s instanceof Y.Item &&
        (later(s, s.origin) || later(s, s.rightOrigin) || later(s, s.parent)),
    );
  } catch {
    return false;
  }
}
