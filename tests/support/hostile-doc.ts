// What a hostile peer writes into a shared Yjs document it is synced with (hostile-peer.ts):
// everything Yjs lets any peer write, none of which is a record a member wrote. Each function is
// one transaction, so one Yjs update on the wire, as a peer would send it.
import * as Y from 'yjs';
import { utf8 } from '../../src-shared/bytes';
import { draftRecord } from '../../src-shared/circle/founding';
import { generateMemberKeys, type EpochKeys } from '../../src-shared/crypto/keys';
import { sealRecord } from '../../src-shared/records/seal';
import { patterned } from './patterned-bytes';

/** Every junk byte string starts with this, so a search of stored bytes can find any of them. */
export const JUNK_MARK = utf8('hostile-junk:');
/** The text of every forged message: it must never be shown or kept. */
export const FORGED_TEXT = 'A forged message from someone who is not a member';

/** `length` bytes that start with JUNK_MARK; `seed` makes each different. */
export function junkBytes(length: number, seed: number): Uint8Array {
  const out = patterned(Math.max(length, JUNK_MARK.length), seed);
  out.set(JUNK_MARK);
  return out;
}

const bucketsOf = (doc: Y.Doc) => doc.getMap<unknown>('buckets');

/**
 * Junk in the log's shape: a bucket of values that are not sealed records (numbers, text,
 * objects, random bytes), empty buckets, a string where a bucket goes, and other root types.
 */
export function writeJunk(doc: Y.Doc, round: number): void {
  doc.transact(() => {
    const buckets = bucketsOf(doc);
    const junk = new Y.Array<unknown>();
    junk.push([42, 'not a record', { kind: 'message', text: 'hi' }, true, junkBytes(300, round)]);
    buckets.set(`junk${round}:0`, junk);
    for (let i = 0; i < 20; i++) buckets.set(`empty${round}x${i}:0`, new Y.Array());
    buckets.set(`text${round}:0`, 'a string where a bucket goes');
    doc.getText(`other-root-${round}`).insert(0, 'junk text '.repeat(50));
    doc.getMap('elsewhere').set(`k${round}`, junkBytes(500, round + 1));
    doc.getArray('a-second-log').push([junkBytes(200, round + 2)]);
  });
}

/**
 * Records sealed under the circle's real content key but signed by a key that never joined:
 * they open, and every peer must refuse them.
 */
export function writeForgedRecords(
  doc: Y.Doc,
  circleId: string,
  epoch: EpochKeys,
  count: number,
  round: number,
): void {
  const forger = generateMemberKeys();
  const sealed = Array.from({ length: count }, (_, i) =>
    sealRecord(
      draftRecord({ circleId, epoch: epoch.epoch, keys: forger, seq: i + 1, prev: [] }, 'message', {
        text: `${FORGED_TEXT} ${round}.${i}`,
      }),
      forger.signSecretKey,
      epoch.contentKey,
    ),
  );
  doc.transact(() => {
    const bucket = new Y.Array<Uint8Array>();
    bucket.push(sealed);
    bucketsOf(doc).set(`forger${round}:0`, bucket);
  });
}

/** One update of about `bytes` (a single junk "record"), which every peer would forward. */
export function writeBigItem(doc: Y.Doc, bytes: number, round: number): void {
  doc.transact(() => {
    const bucket = new Y.Array<Uint8Array>();
    bucket.push([junkBytes(bytes, round)]);
    bucketsOf(doc).set(`big${round}:0`, bucket);
  });
}

/** The keys of `writerId`'s buckets as this document has them now. */
export const bucketKeysOf = (doc: Y.Doc, writerId: string): string[] =>
  [...bucketsOf(doc).keys()].filter((k) => k.startsWith(`${writerId}:`));

/** Deletes every bucket of `writerId`: with Yjs alone, nobody who syncs later gets them. */
export function deleteBucketsOf(doc: Y.Doc, writerId: string): number {
  const keys = bucketKeysOf(doc, writerId);
  doc.transact(() => keys.forEach((k) => bucketsOf(doc).delete(k)));
  return keys.length;
}

/** Replaces every bucket of `writerId` with one holding junk, and empties the ones it can. */
export function overwriteBucketsOf(doc: Y.Doc, writerId: string, round: number): number {
  const keys = bucketKeysOf(doc, writerId);
  doc.transact(() => {
    for (const k of keys) {
      const old = bucketsOf(doc).get(k);
      if (old instanceof Y.Array) old.delete(0, old.length);
      const junk = new Y.Array<unknown>();
      junk.push([junkBytes(100, round)]);
      bucketsOf(doc).set(k, junk);
    }
  });
  return keys.length;
}

/**
 * Junk in the log's own shape, which no shape check can refuse: a bucket of `count` random
 * "records" of `bytes` each (each starting with JUNK_MARK), and an empty bucket.
 */
export function writeRandomRecords(doc: Y.Doc, count: number, bytes: number, round: number): void {
  doc.transact(() => {
    const bucket = new Y.Array<Uint8Array>();
    bucket.push(Array.from({ length: count }, (_, i) => junkBytes(bytes, round * count + i)));
    bucketsOf(doc).set(`noise${round}:0`, bucket);
    bucketsOf(doc).set(`hollow${round}:0`, new Y.Array());
  });
}

/** Junk beside a lobby's shape: a knock that is a number, an answer that is a string, other roots. */
export function writeLobbyJunk(doc: Y.Doc, round: number): void {
  doc.transact(() => {
    doc.getMap<unknown>('knocks').set(`number${round}`, round);
    doc.getMap<unknown>('welcomes').set(`junk${round}/x`, 'not an answer');
  });
  writeJunk(doc, round);
}

/** Junk in a lobby's own shape: `count` knocks of `bytes` random bytes each, in one update. */
export function writeJunkKnocks(doc: Y.Doc, count: number, bytes: number, round: number): void {
  doc.transact(() => {
    const knocks = doc.getMap<unknown>('knocks');
    for (let i = 0; i < count; i++)
      knocks.set(`junk${round}x${i}`, junkBytes(bytes, round * count + i));
  });
}
